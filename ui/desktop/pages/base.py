"""What every page of the main window is: a widget over the open workspace that can reload.

A page fetches its data only while it is shown, so that opening the window costs only the page
on view: ``reload()`` on a hidden page (not yet shown, or behind another page) only marks it
out of date, and the page loads when it is next shown. Every page's own ``reload`` is held to
this, so a page may call ``self.reload()`` at the end of its ``__init__`` or not, alike.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from training.workspace import Workspace


class Page(QWidget):
    """A page shows the open workspace; it loads in the background and reloads on demand."""

    title: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "reload" in vars(cls):
            cls.reload = _only_when_shown(vars(cls)["reload"])  # type: ignore[method-assign,assignment]

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._space = space
        self.out_of_date = True  # nothing loaded yet
        self.setAccessibleName(self.title)

    @property
    def space(self) -> Workspace:
        return self._space

    def set_workspace(self, space: Workspace) -> None:
        """Show another database (after File › Open database…)."""
        self._space = space
        self.reload()

    def reload(self) -> None:
        """Fetch everything the page shows again (after a change, or View › Refresh)."""
        raise NotImplementedError

    def confirm_leave(self) -> bool:
        """Whether the window may close or open another database now (asking first about
        anything unsaved)."""
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.out_of_date:
            self.reload()


def _only_when_shown(reload: Callable[[Page], None]) -> Callable[[Page], None]:
    """``reload`` that runs while the page is visible, and otherwise marks it out of date."""

    @functools.wraps(reload)
    def reload_if_shown(page: Page) -> None:
        if page.isVisible():
            page.out_of_date = False
            reload(page)
        else:
            page.out_of_date = True

    return reload_if_shown
