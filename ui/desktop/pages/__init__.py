"""The main window's pages: each shows one subject of the open workspace."""
