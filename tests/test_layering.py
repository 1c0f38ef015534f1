"""The layering rule of DESIGN.md: ui -> training -> storage; Qt only in ui; SQLAlchemy only in
storage; exports take plain data. Enforced by the import-linter contracts in setup.cfg."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_the_command_line_starts_without_qt():
    code = "import sys, ui.cli; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_the_desktop_starts_without_the_command_line():
    """``main.py`` with no command opens the desktop without loading the command line's modules
    (rich and every command's arguments): start-up time (benchmarks/startup_benchmark.py)."""
    code = (
        "import sys, ui.launch\n"
        "opened = []\n"
        "ui.launch.open_desktop = lambda url: opened.append(url) or 0\n"
        "assert ui.launch.launch(['--database', 'sqlite:///x']) == 0\n"
        "assert opened == ['sqlite:///x'], opened\n"
        "loaded = sorted(m for m in ('ui.cli', 'rich') if m in sys.modules)\n"
        "sys.exit(f'loaded: {loaded}' if loaded else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_command_goes_to_the_command_line(capsys):
    from ui.launch import launch

    assert launch(["--database", "sqlite://", "info"]) == 0
    assert "staff members" in capsys.readouterr().out
