"""What every page of the main window is: a widget over the open workspace that can reload."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from training.workspace import Workspace


class Page(QWidget):
    """A page shows the open workspace; it loads in the background and reloads on demand."""

    title: ClassVar[str]

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._space = space
        self.setAccessibleName(self.title)

    @property
    def space(self) -> Workspace:
        return self._space

    def set_workspace(self, space: Workspace) -> None:
        """Show another database (after File › Open database…)."""
        self._space = space
        self.reload()

    def reload(self) -> None:
        """Fetch everything the page shows again (after a change, or View › Refresh)."""
        raise NotImplementedError
