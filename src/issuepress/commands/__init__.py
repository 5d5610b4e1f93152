"""The editor's commands besides compose (new, fonts, layouts): each in its own module, registered by cli.py.

The modules do not import cli.py (it imports them): cli.py hands its `guarded` wrapper to
editor_commands, which builds the click commands with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def editor_commands(guard: Callable[[Any], Any]) -> list[click.Command]:
    """The click commands `new`, `fonts` and `layouts`, each wrapped in the CLI's error guard."""
    from .fonts_cmd import make_fonts_command
    from .layouts_cmd import make_layouts_command
    from .new import make_new_command

    return [make_new_command(guard), make_fonts_command(guard), make_layouts_command(guard)]
