"""The return's PDF, read back as poppler reads it and drawn as pages: the reference's numbers in
the table, the header on every page, the chart, and page numbers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from exports.return_pdf import write_return_pdf
from storage.database import Database
from tests.exports.return_partnership import (
    ON,
    PARTNERSHIP,
    PERIOD_START,
    reference_counts,
    sample,
    store,
)
from tests.exports.test_sign_in_sheet import pdf_text
from training.returns import training_return

AGENCIES = (*(f"Agency {n:02d}" for n in range(1, 40)), "Smith & <Jones>")
FIGURES = 16  # in a row of the table: 4 tiers and all in scope, 6 more counts, 4 tiers and all


def returned(agencies: tuple[str, ...], *, agency: str | None = None, topic: str = "CSE"):
    s = sample(seed=5, agencies=agencies, staff=600)
    database = Database("sqlite://")
    database.create_all()
    store(database, s)
    result = training_return(
        database.unit_of_work(), ON, period_start=PERIOD_START, topic=topic, agency=agency
    )
    database.dispose()
    return s, result


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    s, result = returned(AGENCIES)
    path = tmp_path_factory.mktemp("return") / "return.pdf"
    pages = write_return_pdf(path, result)
    return s, result, path, pages


def pages_as_images(path: Path, folder: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(folder / "page")], check=True)
    return [Image.open(png) for png in sorted(folder.glob("page-*.png"))]


def figures(counts) -> list[str]:
    percent = counts.percent_trained
    return [
        *(f"{n:,}" for n in counts.in_scope_by_tier),
        f"{counts.in_scope:,}",
        f"{counts.trained:,}",
        "–" if percent is None else f"{percent:.1f}%",
        f"{counts.expiring_soon:,}",
        f"{counts.lapsed + counts.never_trained:,}",
        f"{counts.never_trained:,}",
        f"{counts.lapsed:,}",
        *(f"{n:,}" for n in counts.trained_in_period_by_tier),
        f"{sum(counts.trained_in_period_by_tier):,}",
    ]


def table_rows(path: Path, name: str) -> list[list[str]]:
    """The figures of the table's rows that start with ``name`` (the chart's labels have few)."""
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    return [line[len(name) :].split() for line in lines if line.startswith(f"{name} ")]


def is_row(line: str) -> bool:
    words = line.split()
    return len(words) > FIGURES and all(w[0].isdigit() or w == "–" for w in words[-FIGURES:])


def test_the_table_holds_the_reference_counts(written):
    s, _, path, _ = written
    reference = reference_counts(s, 1)
    for agency_id, name in enumerate(AGENCIES, start=1):
        rows = [row for row in table_rows(path, name) if len(row) == FIGURES]
        assert rows == [figures(reference[agency_id])], name


def test_the_pages_are_landscape_numbered_and_drawn(written, tmp_path):
    _, _, path, pages = written
    text = pdf_text(path)
    assert pages >= 3
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    images = pages_as_images(path, tmp_path)
    assert len(images) == pages
    for image in images:
        assert image.width > image.height
        low, high = ImageStat.Stat(image.convert("L")).extrema[0]
        assert low < 100 < high  # something is drawn on it


def test_the_table_header_repeats_on_every_page_it_runs_onto(written):
    _, _, path, _ = written
    pages = pdf_text(path).split("\f")
    table_pages = [page for page in pages if any(is_row(line) for line in page.splitlines())]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "In scope, by required tier" in page
        assert "Trained in the period, by" in page
    assert "Smith & <Jones>" in pdf_text(path)  # escaped into the markup, printed as typed


def test_the_first_page_says_what_when_and_for_whom(written):
    _, _, path, _ = written
    first = pdf_text(path).split("\f")[0]
    assert PARTNERSHIP in first
    assert "Agency training return" in first
    assert "Reporting date 31/03/2026; period 01/04/2025 to 31/03/2026" in first
    assert "Child sexual exploitation (CSE)" in first
    assert "Overdue: in scope and not trained" in first


def test_the_chart_shows_each_agency_and_the_partnership(written):
    s, _, path, _ = written
    reference = reference_counts(s, 1)
    text = pdf_text(path, layout=False)
    charted = text[text.index("Trained at the level appropriate to their role") :]
    in_scope = sum(c.in_scope for c in reference.values())
    trained = sum(c.trained for c in reference.values())
    assert f"All agencies: {100 * trained / in_scope:.1f}%" in charted
    for agency_id, name in enumerate(AGENCIES, start=1):
        percent = reference[agency_id].percent_trained
        if percent is not None:
            assert name in charted
            assert f"{percent:.1f}%" in charted


def test_an_agency_leads_return_has_their_row_alone(tmp_path):
    s, result = returned(AGENCIES, agency="Agency 07")
    path = tmp_path / "lead.pdf"
    write_return_pdf(path, result)
    assert [row for row in table_rows(path, "Agency 07") if len(row) == FIGURES] == [
        figures(reference_counts(s, 1)[7])
    ]
    assert not table_rows(path, "Agency 08")
    assert "Agency training return: Agency 07" in pdf_text(path)
    assert "All agencies" not in pdf_text(path)  # no totals, no partnership line on the chart
