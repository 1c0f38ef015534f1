"""Importing agency leads' spreadsheets: reading, header finding, cleaning, matching, committing."""
