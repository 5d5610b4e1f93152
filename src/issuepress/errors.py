"""Input errors: the one kind of trouble that stops a compose before anything is written."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """A problem in what the user gave us, reported as one line naming the file (and line or key)."""

    path: Path | str | None
    message: str
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.key:
            where += f": {self.key}" if where else self.key
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, str | int | None]:
        """The error for a script (`--json`): file, line and key as given where it was raised, None
        where unknown; the message without them. A file name that is not UTF-8 keeps its bytes as
        \\xNN escapes."""
        file = None if self.path is None else os.fsencode(self.path).decode("utf-8", "backslashreplace")
        return {"file": file, "line": self.line, "key": self.key or None, "message": " ".join(self.message.split())}
