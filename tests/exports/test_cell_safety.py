"""Formula-looking text is written so that no spreadsheet runs it; everything else is kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from exports.cell_safety import UNSTORABLE, neutralise, restore

FORMULAS = [
    '=HYPERLINK("http://evil.example","Click me")',
    "+1+2",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "'=already quoted",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["CSE", "Police officer", "a=b", "O'Neil", "'quoted", "", " =x"])
def test_ordinary_text_is_unchanged(text):
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "value", [-5, 3.5, -0.25, Decimal("-1.50"), dt.date(2025, 1, 31), True, None]
)
def test_numbers_dates_booleans_and_blanks_are_untouched(value):
    assert neutralise(value) == value
    assert type(neutralise(value)) is type(value)


def test_control_characters_no_xlsx_can_hold_are_dropped():
    assert neutralise("CSE\x00 \x1fbriefing") == "CSE briefing"


@given(st.text().filter(lambda text: not UNSTORABLE.search(text)))
def test_restore_gives_back_exactly_the_text_neutralise_was_given(text):
    assert restore(neutralise(text)) == text


def test_neutralised_text_is_stored_as_text_not_as_a_formula(tmp_path):
    path = tmp_path / "cells.xlsx"
    workbook = Workbook()
    workbook.active.append([neutralise(text) for text in FORMULAS])
    workbook.save(path)
    cells = load_workbook(path).active[1]
    assert [cell.data_type for cell in cells] == ["s"] * len(FORMULAS)
    assert [restore(cell.value) for cell in cells] == [t.replace("\r", "\n") for t in FORMULAS]
