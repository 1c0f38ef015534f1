"""Benchmarks: a scale partnership generator and the ratio measurements of DESIGN.md §5.

Not part of the test suite; run them by hand (``python -m benchmarks.scale_data --help``).
"""
