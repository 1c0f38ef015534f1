"""``settings partnership`` and the settings workbook from the command line: a real process on a
real database file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.test_cli import main
from training.certificates import CertificateSettings, certificate_settings
from training.workspace import open_workspace


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    open_workspace(url).close()
    return url


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "navy").save(path)
    return path


def stored(url: str) -> CertificateSettings:
    space = open_workspace(url)
    try:
        return certificate_settings(space.unit_of_work())
    finally:
        space.close()


def test_with_no_options_it_prints_the_settings_and_changes_nothing(database_url):
    result = main("--database", database_url, "settings", "partnership")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Partnership name:  (not set)",
        "Logo file:         (not set)",
        "Signatory:         (not set)",
        "Signatory's title: (not set)",
    ]
    assert stored(database_url) == CertificateSettings("", "", "", "")


def test_the_options_given_are_saved_and_the_others_kept(database_url, logo):
    first = main(
        "--database", database_url, "settings", "partnership",
        "--name", "  Northshire   Partnership ", "--logo", str(logo),
        "--signatory", "Dr Helen Marsden", "--signatory-title", "Chair",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Saved." in first.stdout and "Northshire Partnership" in first.stdout

    second = main(
        "--database", database_url, "settings", "partnership", "--no-logo", "--name", "NSCP"
    )

    assert second.returncode == 0, second.stderr
    assert stored(database_url) == CertificateSettings("NSCP", "", "Dr Helen Marsden", "Chair")
    shown = main("--database", database_url, "settings", "partnership").stdout
    assert "Logo file:         (not set)" in shown
    assert "Signatory:         Dr Helen Marsden" in shown


def test_a_logo_that_cannot_be_printed_is_refused_by_its_option_and_nothing_is_saved(
    database_url, tmp_path
):
    notes = tmp_path / "logo.png"
    notes.write_text("not a picture")

    result = main(
        "--database", database_url, "settings", "partnership",
        "--name", "Northshire Partnership", "--logo", str(notes),
    )  # fmt: skip

    assert result.returncode == 1
    assert "The partnership settings were not saved. --logo: the logo " in result.stderr
    assert "could not be read as a picture" in result.stderr
    assert "Traceback" not in result.stderr
    assert stored(database_url) == CertificateSettings("", "", "", "")


def test_logo_and_no_logo_together_are_refused_by_the_parser(database_url, logo):
    result = main(
        "--database", database_url, "settings", "partnership", "--logo", str(logo), "--no-logo"
    )
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_the_settings_workbook_carries_the_partnership_settings(tmp_path, database_url, logo):
    main(
        "--database", database_url, "settings", "partnership", "--name", "NSCP", "--logo", f"{logo}"
    )
    workbook = tmp_path / "settings.xlsx"
    exported = main("--database", database_url, "settings", "export", str(workbook))
    assert exported.returncode == 0, exported.stderr
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"

    imported = main("--database", other, "settings", "import", str(workbook))

    assert imported.returncode == 0, imported.stderr
    assert "Partnership: 0 added, 2 updated, 2 unchanged" in imported.stdout
    assert stored(other) == CertificateSettings("NSCP", str(logo), "", "")
