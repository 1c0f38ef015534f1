"""The user interfaces: the Qt desktop (``ui.desktop``) and the command line (``ui.cli``).

Only ``ui.desktop`` imports Qt, so the command line starts without it.
"""
