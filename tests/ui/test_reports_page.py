"""The reports page: each report's figures on screen and its files saved and read back; the
certificates previewed, printed and saved, issued only once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from tests.ui.conftest import table_column, wait_until_idle
from training import agencies, catalogue, certificates, registers, staff
from training.progress import CancelledByUser
from training.returns import default_period_start
from training.workspace import Workspace
from ui.desktop.pages.report_panel import SHOW_FIGURES_HINT, ReportPanel, stopping_when_cancelled
from ui.desktop.pages.reports import ReportsPage
from ui.desktop.widgets import chosen_date, qdate

TODAY = dt.date.today()


@pytest.fixture
def page(qtbot, workspace: Workspace) -> ReportsPage:
    shown = ReportsPage(workspace)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    wait_until_idle(qtbot)
    return shown


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder to save in (the workspace's database is in ``tmp_path``)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every save dialog with the path last put in the list; record what it offered."""
    answers: list[str] = []

    def choose(_parent, _title, suggested, _filter, *_args, **_kwargs) -> tuple[str, str]:
        answers.append(suggested)
        return answers[-2], ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    return answers


def save(qtbot, answers: list[str], path: Path, click) -> str:
    """Save to ``path`` by ``click``-ing a button; the name the dialog suggested."""
    answers.append(str(path))
    click()
    wait_until_idle(qtbot)
    return Path(answers.pop()).name


def pdf_pages(path: Path) -> int:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = document.pageCount()
    document.close()
    return pages


def show_figures(qtbot, panel: ReportPanel) -> None:
    panel.show_button.click()
    wait_until_idle(qtbot)


# --- the agency training return ------------------------------------------------------------


def test_the_return_shows_every_agency_after_all_of_them_together(qtbot, page):
    panel = page.training_return
    show_figures(qtbot, panel)

    table = panel.figures_table
    assert table_column(table, "Agency") == [
        "All agencies",
        "All agencies",
        "Northshire Police",
        "Northshire Police",
        "Northshire Schools",
        "Northshire Schools",
    ]
    assert table_column(table, "Topic")[:2] == ["CSE", "Online safety"]
    assert table_column(table, "In scope")[:3] == ["4", "0", "4"]
    assert table_column(table, "Trained")[:3] == ["2", "0", "2"]
    assert table_column(table, "%\ntrained")[0] == "50.0%"
    assert "2 topics; 2 agencies" in panel.figures_note.text()


def test_an_agency_leads_return_holds_their_agency_and_topic_only(qtbot, page):
    panel = page.training_return
    panel.agency.setCurrentText("Northshire Police")
    panel.topic.setCurrentText("CSE")
    show_figures(qtbot, panel)

    assert table_column(panel.figures_table, "Agency") == ["Northshire Police"]
    assert table_column(panel.figures_table, "Overdue") == ["2"]
    assert panel.figures_note.text().endswith("; 1 topic; Northshire Police.")


def test_changing_a_parameter_takes_the_figures_away(qtbot, page):
    panel = page.training_return
    show_figures(qtbot, panel)
    panel.topic.setCurrentText("CSE")
    assert panel.figures.rowCount() == 0
    assert panel.figures_note.text() == SHOW_FIGURES_HINT


def test_the_period_is_the_year_to_the_reporting_date_until_changed_by_hand(page):
    panel = page.training_return
    assert chosen_date(panel.period_start) == default_period_start(TODAY)
    panel.on.setDate(qdate(dt.date(2026, 3, 31)))
    assert chosen_date(panel.period_start) == dt.date(2025, 4, 1)
    panel.period_start.setDate(qdate(dt.date(2026, 1, 1)))
    panel.on.setDate(qdate(dt.date(2026, 6, 30)))
    assert chosen_date(panel.period_start) == dt.date(2026, 1, 1)
    panel.on.setDate(qdate(dt.date(2025, 12, 31)))
    assert chosen_date(panel.period_start) == dt.date(2025, 12, 31), "never after the date"


def test_a_renamed_agency_is_refused_with_a_message_instead_of_figures(
    qtbot, page, workspace, message_boxes
):
    panel = page.training_return
    panel.agency.setCurrentText("Northshire Schools")
    schools = agencies.find_agency(workspace.unit_of_work(), "Northshire Schools")
    agencies.save_agency(
        workspace.unit_of_work(),
        agencies.AgencyDraft("Northshire Academies", schools.sector_id),
        agency_id=schools.id,
        version=schools.version,
    )
    show_figures(qtbot, panel)

    [message] = message_boxes
    assert (message.title, message.text) == (
        "Cannot make",
        "The return cannot be made.",
    )
    assert "no agency is called 'Northshire Schools'" in message.informative
    assert panel.figures.rowCount() == 0
    assert "could not be worked out" in panel.figures_note.text()

    page.reload()
    wait_until_idle(qtbot)
    assert panel.agency.currentText() == "All agencies"
    assert panel.agency.findText("Northshire Academies") > 0


def test_the_form_is_filled_from_the_keyboard_in_order(qtbot, page):
    panel = page.training_return
    expected = [
        panel.on,
        panel.period_start,
        panel.topic,
        panel.agency,
        panel.show_button,
        panel.pdf_button,
        panel.workbook_button,
    ]
    page.activateWindow()
    qtbot.waitActive(page)
    page.reports.setFocus()
    reached: list[QWidget] = []
    for _press in range(30):  # Tab goes through a date's day, month and year first
        if len(reached) == len(expected):
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        field = next((w for w in expected if w is focused or w.isAncestorOf(focused)), focused)
        if not reached or reached[-1] is not field:
            reached.append(field)
    assert [w.accessibleName() for w in reached] == [w.accessibleName() for w in expected]


def test_the_return_is_saved_as_a_workbook_and_a_pdf(qtbot, page, save_as, out, monkeypatch):
    panel = page.training_return
    workbook = out / "return.xlsx"
    suggested = save(qtbot, save_as, workbook, panel.workbook_button.click)

    assert suggested == f"Training return {TODAY:%d-%m-%Y}.xlsx"
    book = openpyxl.load_workbook(workbook, read_only=True)
    assert book.sheetnames == ["Summary", "Northshire Police", "Northshire Schools"]
    book.close()
    assert page.notice.text.text() == f"Saved return.xlsx (3 sheets) in {out}."
    assert table_column(panel.figures_table, "Agency")[0] == "All agencies", "figures shown too"

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.notice.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(workbook))]

    pdf = out / "return.pdf"
    save(qtbot, save_as, pdf, panel.pdf_button.click)
    assert pdf_pages(pdf) >= 2  # a page per topic
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "return.pdf",
        "return.xlsx",
    ], "no temporary file left behind"


# --- the board and quality reports ---------------------------------------------------------


@pytest.mark.parametrize(
    ("panel_name", "first_figure", "file_start"),
    [
        ("board", "Sessions delivered", "Board training report"),
        ("quality", "Responses", "Quality assurance report"),
    ],
)
def test_a_period_report_shows_its_key_figures_and_is_saved_as_pdf_and_workbook(
    qtbot, page, save_as, out, panel_name, first_figure, file_start
):
    panel = getattr(page, panel_name)
    page.show_report(page.panels.indexOf(panel))
    show_figures(qtbot, panel)
    assert table_column(panel.figures_table, "Figure")[0] == first_figure

    suggested = save(qtbot, save_as, out / "report.pdf", panel.pdf_button.click)
    assert suggested.startswith(f"{file_start} ") and suggested.endswith(f"{TODAY:%d-%m-%Y}.pdf")
    assert pdf_pages(out / "report.pdf") >= 1
    save(qtbot, save_as, out / "report.xlsx", panel.workbook_button.click)
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    assert len(book.sheetnames) >= 2
    book.close()


def test_the_board_report_counts_the_attendances_of_the_period(qtbot, page):
    page.show_report(1)
    show_figures(qtbot, page.board)
    figures = dict(
        zip(
            table_column(page.board.figures_table, "Figure"),
            table_column(page.board.figures_table, "In the period"),
            strict=True,
        )
    )
    assert figures["Attendances (sessions and e-learning)"] == "2"


def test_the_board_reports_figure_names_are_shown_whole(qtbot, page):
    page.show_report(1)
    show_figures(qtbot, page.board)
    view = page.board.figures_table
    names = table_column(view, "Figure")
    assert any(name.startswith("Agencies without a trained champion on ") for name in names)
    widest = max(view.fontMetrics().horizontalAdvance(name) for name in names)
    assert view.columnWidth(0) > widest


def test_reloading_works_the_figures_on_view_out_again(qtbot, page, workspace):
    page.show_report(1)
    show_figures(qtbot, page.board)
    patel = next(p for p in staff.page_staff(workspace.unit_of_work()) if p.last_name == "Patel")
    course = next(c for c in catalogue.list_courses(workspace.unit_of_work()) if c.code == "CSE-T1")
    registers.record_completion(
        workspace.unit_of_work(), patel.id, course.id, TODAY - dt.timedelta(days=2)
    )

    page.reload()
    wait_until_idle(qtbot)

    figures = table_column(page.board.figures_table, "In the period")
    assert figures[3] == "3", "attendances"


def test_the_end_of_a_period_is_never_before_its_start(page):
    board, later = page.board, TODAY + dt.timedelta(days=10)
    board.start.setDate(qdate(later))
    assert chosen_date(board.end) == later
    board.end.setDate(qdate(TODAY))
    assert chosen_date(board.end) == later


# --- saving where it cannot be saved -------------------------------------------------------


def test_a_missing_folder_is_reported_and_nothing_is_written(
    qtbot, page, save_as, out, message_boxes
):
    save(qtbot, save_as, out / "gone" / "return.pdf", page.training_return.pdf_button.click)

    [message] = message_boxes
    assert message.icon == QMessageBox.Icon.Warning
    assert message.text.startswith(f"return.pdf could not be saved in {out / 'gone'}")
    assert "close it and save again" in message.text
    assert not page.notice.isVisible()


def test_a_file_that_cannot_be_replaced_is_left_as_it_was(qtbot, page, save_as, out, message_boxes):
    taken = out / "return.xlsx"
    taken.mkdir()  # stands for a workbook Excel holds open: it cannot be replaced
    save(qtbot, save_as, taken, page.training_return.workbook_button.click)

    assert "return.xlsx could not be saved" in message_boxes[0].text
    assert taken.is_dir() and list(out.iterdir()) == [taken]


# --- certificates --------------------------------------------------------------------------


@pytest.fixture
def session_attended(workspace: Workspace) -> int:
    """A session yesterday that Jones and Patel attended and Smith did not; its id."""
    course = next(c for c in catalogue.list_courses(workspace.unit_of_work()) if c.code == "CSE-T1")
    start = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(9, 30))
    held = catalogue.save_session(
        workspace.unit_of_work(),
        catalogue.SessionDraft(course.id, start, start + dt.timedelta(hours=3), "Town Hall"),
    )
    people = {p.last_name: p.id for p in staff.page_staff(workspace.unit_of_work())}
    registers.mark_register(
        workspace.unit_of_work(),
        held.id,
        [
            registers.AttendanceMark(people["Jones"], "attended"),
            registers.AttendanceMark(people["Patel"], "attended"),
            registers.AttendanceMark(people["Smith"], "did not attend"),
        ],
    )
    return held.id


@pytest.fixture
def certificates_page(qtbot, page, session_attended) -> ReportsPage:
    page.show_report(3)
    page.certificates.reload()
    wait_until_idle(qtbot)
    page.certificates.sessions.table.selectRow(0)
    return page


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pages each print preview showed; the preview is shown, then closed at once."""
    shown: list[int] = []

    def show_and_close(dialog: QPrintPreviewDialog) -> int:
        dialog.show()
        QApplication.processEvents()
        shown.append(dialog.findChild(QPrintPreviewWidget).pageCount())
        dialog.close()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", show_and_close)
    return shown


def issued(workspace: Workspace, session_id: int) -> list[tuple[str, int, bool]]:
    """(number, times printed, issued just now) of the session's certificates."""
    batch = certificates.session_certificates(workspace.unit_of_work(), session_id)
    return [(c.number, c.print_count, c.newly_issued) for c in batch.certificates]


def test_the_sessions_attended_are_listed_with_their_certificates(qtbot, certificates_page):
    table = certificates_page.certificates.sessions.table
    assert table_column(table, "Course") == ["CSE-T1: CSE: targeted"]
    assert table_column(table, "Attended") == ["2"]
    assert table_column(table, "Issued") == ["0"]
    assert certificates_page.certificates.preview_button.isEnabled()


def test_the_preview_shows_a_page_per_person_who_attended(
    qtbot, certificates_page, previews, workspace, session_attended
):
    panel = certificates_page.certificates
    panel.preview_button.click()
    wait_until_idle(qtbot)

    assert previews == [2]
    assert certificates_page.notice.text.text().startswith("2 certificates: 2 issued now.")
    qtbot.waitUntil(lambda: table_column(panel.sessions.table, "Issued") == ["2"])
    assert panel.sessions.chosen is not None, "the session stays chosen"
    numbers = [number for number, _printed, _new in issued(workspace, session_attended)]
    assert [n[-6:] for n in numbers] == ["000001", "000002"]


def test_enter_on_a_session_previews_its_certificates(qtbot, certificates_page, previews):
    table = certificates_page.certificates.sessions.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    wait_until_idle(qtbot)
    assert previews == [2]


def test_printing_sends_every_page_to_the_printer_and_counts_the_printing(
    qtbot, certificates_page, previews, workspace, session_attended, out, monkeypatch
):
    panel = certificates_page.certificates
    panel.preview_button.click()
    wait_until_idle(qtbot)
    printed = out / "printed.pdf"
    panel.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    panel.printer.setOutputFileName(str(printed))
    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: QDialog.DialogCode.Accepted.value)

    panel.print_button.click()
    wait_until_idle(qtbot)

    assert printed.stat().st_size > 10_000  # two pages of pictures
    assert pdf_pages(printed) == 2
    assert f"2 pages sent to {printed}." in certificates_page.notice.text.text()
    assert [(printed, new) for _n, printed, new in issued(workspace, session_attended)] == [
        (1, False),
        (1, False),
    ], "issued once, by the preview; printed once"


def test_saving_the_certificates_as_pdf(
    qtbot, certificates_page, save_as, out, workspace, session_attended
):
    panel = certificates_page.certificates
    suggested = save(qtbot, save_as, out / "certificates.pdf", panel.save_button.click)

    day = TODAY - dt.timedelta(days=1)
    assert suggested == f"Certificates CSE-T1 {day:%d-%m-%Y}.pdf"
    assert pdf_pages(out / "certificates.pdf") == 2
    assert certificates_page.notice.path == out / "certificates.pdf"
    again = save(qtbot, save_as, out / "again.pdf", panel.save_button.click)
    assert again == suggested
    assert [(printed, new) for _n, printed, new in issued(workspace, session_attended)] == [
        (2, False),
        (2, False),
    ]


def test_one_persons_certificate_is_found_by_name_and_saved(qtbot, certificates_page, save_as, out):
    panel = certificates_page.certificates
    panel.by_person.click()
    qtbot.keyClicks(panel.records.search, "patel")
    qtbot.waitUntil(lambda: table_column(panel.records.table, "Learner") == ["Alex Patel"])
    assert not panel.save_button.isEnabled()
    panel.records.table.selectRow(0)

    suggested = save(qtbot, save_as, out / "patel.pdf", panel.save_button.click)

    assert suggested == "Certificate Alex Patel CSE-T1.pdf"
    assert pdf_pages(out / "patel.pdf") == 1
    assert "1 certificate: 1 issued now." in certificates_page.notice.text.text()


def test_cancelling_stops_a_report_at_its_next_progress_report():
    heard: list[str] = []
    report = stopping_when_cancelled(lambda _d, _t, message: heard.append(message), lambda: True)
    with pytest.raises(CancelledByUser):
        report(1, 4, "Working out CSE")
    assert heard == ["Working out CSE"]
