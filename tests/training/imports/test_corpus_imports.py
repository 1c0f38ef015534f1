"""Every real spreadsheet of the shared corpus goes through the attendance and staff imports:
previewed, or refused with a message naming the file; never a crash or a hang."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from storage.database import Database
from tests.builders import basics
from training.errors import UserError
from training.imports.candidates import ImportKind
from training.imports.importing import preview_import

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "real-spreadsheets"


def _preview_all(paths: list[str]) -> dict[str, str]:
    database = Database("sqlite://")
    database.create_all()
    basics(database.unit_of_work())
    outcomes = {}
    for path in map(Path, paths):
        for kind in (ImportKind.ATTENDANCE, ImportKind.STAFF):
            try:
                preview = preview_import(database.unit_of_work(), path, kind, "Northshire Police")
                outcome = f"previewed {len(preview.results)} rows"
            except UserError as refused:
                assert path.name in str(refused), str(refused)
                outcome = "refused"
            outcomes[f"{path.name} as {kind}"] = outcome
    return outcomes


def test_every_corpus_file_is_previewed_or_refused_by_name():
    files = sorted(str(p) for p in CORPUS.iterdir() if p.suffix != ".md")
    halves = [files[0::2], files[1::2]]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = [pool.apply_async(_preview_all, (half,)) for half in halves]
        outcomes = {k: v for result in results for k, v in result.get(timeout=240).items()}
    assert len(outcomes) == 2 * len(files)
    assert any(v.startswith("previewed") for v in outcomes.values())
