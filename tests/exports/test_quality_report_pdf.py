"""The quality report's PDF, read back as poppler reads it and drawn as pages: the partnership and
period, the summary's figures in the tables, awkward text shown as typed, and page numbers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from exports.quality_report_pdf import write_quality_report_pdf
from tests.exports.quality_sample import (
    HOSTILE_COMMENT,
    HOSTILE_TRAINER,
    PARTNERSHIP,
    empty_summary,
    sample_summary,
)
from tests.exports.test_sign_in_sheet import pdf_text


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qa")
    path = folder / "qa.pdf"
    pages = write_quality_report_pdf(path, sample_summary(), PARTNERSHIP)
    return path, pages, folder


def drawn(path: Path, folder: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(folder / "page")], check=True)
    return [Image.open(png) for png in sorted(folder.glob("page-*.png"))]


def lines(path: Path) -> list[str]:
    """The PDF's lines as printed, each with its runs of spaces made one."""
    return [" ".join(line.split()) for line in pdf_text(path).splitlines() if line.strip()]


def test_every_page_is_drawn_and_numbered(written):
    path, pages, folder = written
    images = drawn(path, folder)
    assert len(images) == pages >= 2
    for image in images:
        assert image.width > image.height  # landscape
        assert ImageStat.Stat(image.convert("L")).extrema[0][0] < 100  # something dark on it
    text = pdf_text(path)
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text


def test_the_first_page_names_the_partnership_and_period_and_gives_the_key_figures(written):
    path, _pages, _folder = written
    first = lines(path)[: lines(path).index("By course")]
    assert first[:3] == [
        PARTNERSHIP,  # escaped for reportlab, shown as typed
        "Quality assurance report",
        "Sessions held from 01/04/2025 to 31/03/2026",
    ]
    # 5 responses; overall (5 + 3 + 4 + 2) / 4; confidence before (2 + 3 + 1 + 4) / 4 and after
    # (4 + 4 + 4 + 3) / 4; shift (2 + 1 + 3 - 1) / 4 = 1.25, SD sqrt(8.75 / 3) = 1.71;
    # 2 observations; 2 courses not assured.
    assert "5 3.5 2.5 to 3.8 +1.2 ± 1.7 2 2" in first
    assert "Responses Overall rating Confidence Confidence shift Observations Not assured" in first
    assert "Confidence before and after, by tier Observations in the period, by outcome" in first
    assert "Universal 1 2 2.0 4.0 3.0 4.0 3.0 -1.0 none" in first
    assert "Targeted 2 3 4.0 4.0 4.0 2.0 4.0 +2.0 ± 1.0 1 good, 1 inadequate" in first
    assert "All tiers 3 5 3.5 4.0 3.8 2.5 3.8 +1.2 ± 1.7 1 good, 1 inadequate" in first


def test_the_tables_hold_the_summary_figures(written):
    path, _pages, _folder = written
    printed = lines(path)
    summary = sample_summary()
    courses = printed[printed.index("By course") :]
    # Grouped by tier, lowest first; ratings to one decimal place; none given is a dash.
    assert courses.index("Universal") < courses.index("Targeted")
    assert (
        "ONL-U1 Online safety <essentials> & more 2 2.0 4.0 3.0 4.0 3.0 -1.0 none not assured never"
        in courses
    )
    assert (
        "CSE-T1 CSE: working with children at risk 3 4.0 4.0 4.0 2.0 4.0 +2.0 ± 1.0 1 good "
        "assured 20/06/2025" in courses
    )
    assert "MIS-T1 Return home interviews 0 – – – – – – 1 inadequate assured 05/01/2024" in courses
    assert "Confidence before and after, by course (n: the responses that scored both)" in courses
    trainers = printed[printed.index("By trainer") :]
    named = summary.by_trainer[1:]  # the first, a hostile name, is too long for one line
    for start in (f"{g.name} {g.feedback.sessions} {g.feedback.responses} " for g in named):
        assert any(line.startswith(start) for line in trainers), start
    assert "Bea Lane 1 2 4.0 3.5 4.5 2.5 4.0 +1.5 ± 0.7 1 good" in trainers
    assert "Cy Dunn 0 0 – – – – – – 1 inadequate" in trainers
    unassured = printed[printed.index("Courses not assured in the 12 months to 31/03/2026") :]
    assert unassured[2:4] == [
        "ONL-U1 Online safety <essentials> & more Universal e-learning not assured never",
        "MIS-T1 Return home interviews Targeted classroom assured 05/01/2024",
    ]


def test_comments_are_grouped_by_course_and_shown_as_typed(written):
    path, _pages, _folder = written
    printed = lines(path)
    comments = printed[printed.index("Comments to read") :]
    assert comments[1:5] == [
        "CSE-T1: CSE: working with children at risk (2 comments)",
        "Session Trainer Overall Comment",
        "10/06/2025 Bea Lane 5 Really useful.",
        "More case studies.",  # its line break kept
    ]
    assert "ONL-U1: Online safety <essentials> & more (1 comment)" in comments
    assert "10/06/2025 Al Khan 2 Too long <really> & slow" in comments
    text = "".join(pdf_text(path, layout=False).split())
    assert "".join(HOSTILE_COMMENT.split()) in text
    assert "".join(HOSTILE_TRAINER.split()) in text


def test_an_empty_period_says_so_instead_of_drawing_empty_charts(tmp_path):
    path = tmp_path / "empty.pdf"
    pages = write_quality_report_pdf(path, empty_summary())
    printed = lines(path)
    assert pages >= 1 and f"Page {pages} of {pages}" in printed[-1]
    assert printed[0] == "Quality assurance report"  # no partnership named
    assert "0 – – – 0 2" in printed  # responses, rating, confidence, shift, observed, unassured
    for note in (
        "No confidence scores in this period. No observations in this period.",
        "No evaluations or observations of sessions in this period.",
        "No comments in this period.",
    ):
        assert note in printed
