"""Every service names the permission it needs (training/access.py ``@requires``), so no
service can be reached by a user whose role does not allow it: checked over every module."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import FunctionType

import training
from training.access import Permission

# Services a user calls before they are anyone: signing in, setting a new database up.
OPEN_TO_ALL = {
    "training.users.has_users",
    "training.users.sign_in",
    "training.users.create_first_coordinator",
    "training.users.change_own_password",
}
CHECKS = "training.access"  # the checks themselves


def services() -> Iterator[tuple[str, FunctionType]]:
    """Public functions of the training package whose first parameter is a unit of work."""
    for module_info in pkgutil.walk_packages(training.__path__, "training."):
        if module_info.name == CHECKS:
            continue
        module = importlib.import_module(module_info.name)
        for name, function in vars(module).items():
            if name.startswith("_") or not isinstance(function, FunctionType):
                continue
            if function.__module__ != module.__name__:
                continue  # imported from elsewhere: checked there
            parameters = list(inspect.signature(inspect.unwrap(function)).parameters)
            if parameters[:1] == ["uow"]:
                yield f"{module.__name__}.{name}", function


def test_every_service_declares_its_permission():
    undeclared = [
        name
        for name, service in services()
        if name not in OPEN_TO_ALL
        and not isinstance(getattr(service, "__permission__", None), Permission)
    ]
    assert undeclared == []


def test_the_services_are_found():
    found = dict(services())
    assert "training.staff.save_staff" in found and len(found) > 40
