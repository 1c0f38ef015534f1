"""Importing evaluations from the spreadsheets form tools export: one row per response."""
