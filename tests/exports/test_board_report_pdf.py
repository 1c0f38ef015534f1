"""The board report's PDF, read back as poppler reads it and drawn as pages: the figures in its
tables and charts, names printed as typed, portrait pages numbered "Page n of N"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exports.board_report_pdf import BAR, write_board_report_pdf
from tests.exports.board_report_sample import (
    AWKWARD_AGENCY,
    FORMULA_AGENCY,
    PARTNERSHIP,
    sample_report,
)
from tests.exports.test_return_pdf import pages_as_images
from tests.exports.test_sign_in_sheet import pdf_text
from training.board_report import AttendanceFigures, BoardReport

FIGURES = {
    "at a glance": [
        "70 (1 cancelled)",
        "1,170 of 1,763 (66.4%)",
        "106 (8.3%)",
        "605, rated 4.02 overall",
        "2.83 before, 3.79 after: a shift of +0.96 (604 responses)",
        "5 (1 outstanding, 1 good, 3 requires improvement)",
        "3 of 5",
        "3,712 people at 24 events",
    ],
    "sessions": [
        "Introductory 42 1 1,213 812 66.9% 67 7.6%",
        "All tiers 70 1 1,763 1,170 66.4% 106 8.3%",
    ],
    "attendances": [
        "Apr–Jun 2025 (part) 15/05/2025 to 30/06/2025 100 80 30 0 210",
        "Jan–Mar 2026 01/01/2026 to 31/03/2026 103 83 33 3 222",
    ],
    "evaluations": ["Targeted 163 17 4.29 4.19 4.39 2.76 3.71 +0.95 0.68"],
    "qa": ["Targeted 0 0 3 0 3", "All tiers 1 1 3 0 5"],
}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[BoardReport, Path, int]:
    report = sample_report()
    path = tmp_path_factory.mktemp("board") / "board.pdf"
    return report, path, write_board_report_pdf(path, report)


def lines(path: Path) -> list[str]:
    """The PDF's lines, each with its runs of spaces made one."""
    return [" ".join(line.split()) for line in pdf_text(path).splitlines()]


def test_the_pages_are_portrait_numbered_and_drawn(written, tmp_path):
    _, path, pages = written
    text = pdf_text(path)
    assert pages >= 3
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    images = pages_as_images(path, tmp_path)
    assert len(images) == pages
    assert all(image.height > image.width for image in images)


def test_the_first_page_names_the_partnership_and_period_and_gives_the_figures(written):
    _, path, _ = written
    first = " ".join(pdf_text(path).split("\f")[0].split())
    assert PARTNERSHIP in first
    assert "Board training report" in first
    assert "Period 15/05/2025 to 31/03/2026" in first
    for figure in FIGURES["at a glance"]:
        assert figure in first


@pytest.mark.parametrize("section", ["sessions", "attendances", "evaluations", "qa"])
def test_the_tables_hold_the_figures(written, section):
    _, path, _ = written
    found = lines(path)
    for row in FIGURES[section]:
        assert row in found


def test_the_charts_show_each_quarters_total_and_each_sectors_share(written):
    report, path, _ = written
    text = " ".join(pdf_text(path, layout=False).split())
    quarter_chart = text[text.index("Attendances by quarter and tier") :]
    for quarter in report.attendances.by_quarter:
        assert quarter.label in quarter_chart
    assert "Universal Introductory Targeted Specialist" in quarter_chart  # the legend
    sectors = text[text.index("Attendances by the sector") :]
    assert "543 (62.8%)" in sectors and "321 (37.2%)" in sectors and "0 (0.0%)" in sectors
    confidence = text[text.index("Confidence before and after the session") :]
    assert "Before the session" in confidence and "After the session" in confidence
    for value in ("2.84", "3.81", "2.76", "3.71", "2.83", "3.79"):
        assert value in confidence


def test_bars_are_drawn_in_the_reports_colours(written, tmp_path):
    _, path, _ = written
    images = pages_as_images(path, tmp_path)
    bar = tuple(round(255 * c) for c in BAR.rgb())
    counts = [
        dict((colour, n) for n, colour in image.convert("RGB").getcolors(1 << 24))
        for image in images
    ]
    drawn = sum(page.get(bar, 0) for page in counts)
    assert drawn > 500


def test_names_print_as_typed(written):
    _, path, _ = written
    text = pdf_text(path)
    assert AWKWARD_AGENCY in text
    assert FORMULA_AGENCY in text
    assert "CSE <awareness> for taxi drivers" in text
    assert "no champion" in text and "champions not yet trained" in text


def test_a_long_period_writes_its_quarters_aslant(tmp_path):
    report = sample_report(quarter_count=12)
    path = tmp_path / "long.pdf"
    write_board_report_pdf(path, report)
    text = " ".join(pdf_text(path, layout=False).split())
    for quarter in report.attendances.by_quarter:
        assert quarter.label in text
    assert "Period 01/04/2023 to 31/03/2026" in text


def test_a_report_of_nothing_says_so(tmp_path):
    nothing = replace(
        sample_report(partnership=""),
        tiers=(),
        sessions_by_tier=(),
        attendances=AttendanceFigures((), (), (), ()),
        quality_by_tier=(),
    )
    path = tmp_path / "empty.pdf"
    pages = write_board_report_pdf(path, nothing)
    text = pdf_text(path)
    assert len(pages_as_images(path, tmp_path)) == pages
    assert "No attendances were recorded in the period" in text
    assert PARTNERSHIP not in text
