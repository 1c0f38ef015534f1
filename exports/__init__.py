"""Writers of xlsx and PDF files from plain data: no Qt, no database."""
