"""The one table of ratios that ``python -m benchmarks`` prints from what each benchmark records."""

from benchmarks.__main__ import table
from benchmarks.ratios import RATIOS_FILE, Ratio, record, recorded


def test_ratios_recorded_by_benchmarks_come_back_in_order(tmp_path, monkeypatch):
    path = tmp_path / "ratios.jsonl"
    monkeypatch.setenv(RATIOS_FILE, str(path))
    record([Ratio("import: time", "30.0 s", "16.0 s, read", 1.875, 2.0)])
    record([Ratio("start-up: data", "4.9 s", "0.27 s, bare", 18.1, None)])
    assert [(r.measure, r.verdict) for r in recorded(path)] == [
        ("import: time", "met"),
        ("start-up: data", "for information"),
    ]


def test_nothing_is_recorded_when_no_file_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv(RATIOS_FILE, raising=False)
    monkeypatch.chdir(tmp_path)
    record([Ratio("x", "1 s", "1 s", 1.0, 1.0)])
    assert list(tmp_path.iterdir()) == []


def test_the_table_shows_each_ratio_beside_its_target():
    ratios = [
        Ratio("import: time", "30.0 s", "16.0 s, read", 1.875, 2.0),
        Ratio("return: time", "2.0 s", "1.0 s, SQL", 2.0, 1.5),
    ]
    assert table(ratios, markdown=True).splitlines() == [
        "| measure | ours | baseline | ratio | target | result |",
        "|---|---|---|---|---|---|",
        "| import: time | 30.0 s | 16.0 s, read | 1.88× | ≤ 2.0× | met |",
        "| return: time | 2.0 s | 1.0 s, SQL | 2.00× | ≤ 1.5× | missed |",
    ]
    plain = table(ratios, markdown=False).splitlines()
    assert plain[0].split() == ["measure", "ours", "baseline", "ratio", "target", "result"]
    assert plain[2].endswith("missed")
