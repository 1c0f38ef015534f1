"""Safeguarding Training Manager.

With no arguments, opens the desktop application; with a subcommand, works headless.
Run ``python main.py --help`` for the commands.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ui.launch import launch

    return launch(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
