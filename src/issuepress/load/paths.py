"""Paths written in the input, resolved against the issue folder; none may leave it."""

from __future__ import annotations

import errno
import os
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from .yamlnode import YNode, as_str, fail


# The longest file name (one path component) Linux, macOS and Windows file systems allow, in bytes.
NAME_MAX = 255


def resolve_inside(root: Path, node: YNode, key: str) -> Path:
    """The path written at `node`, relative to `root`; an InputError if it is absolute or leaves root.

    Symbolic links are followed before the check, so a link pointing outside the folder is refused too.
    """
    text = as_str(node, key).strip()
    if any(unicodedata.category(ch) == "Cc" for ch in text):  # a NUL or other control: no file is named so
        raise fail(node, key, f"{text!r} holds a control character; no file name does")
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or text.startswith("~"):
        raise fail(node, key, f"'{text}' is an absolute path; give a path relative to the issue folder")
    if any(len(os.fsencode(part)) > NAME_MAX for part in PurePosixPath(text).parts):
        raise fail(node, key, f"a file name in '{text[:40]}…' is longer than {NAME_MAX} bytes; no file is "
                   "named so (shorten it)")
    base = root.resolve()
    try:
        target = (base / text).resolve()
        os.stat(target)
    except RuntimeError:  # Python 3.11 says a loop so
        raise fail(node, key, f"'{text}' is a symbolic link loop") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail(node, key, f"'{text}' is a symbolic link loop") from None
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            raise fail(node, key, f"'{text}' cannot be opened ({exc.strerror or exc})") from None
    if not target.is_relative_to(base):
        raise fail(node, key, f"'{text}' leaves the issue folder; paths must stay inside {base}")
    return target


def resolve_picture(root: Path, node: YNode, key: str) -> Path:
    """A picture's path, inside `root`. A missing file is the layout's finding (a placeholder), but a
    pipe, socket or device there is refused: opening one to read a picture would wait for ever."""
    target = resolve_inside(root, node, key)
    if target.exists() and not target.is_file() and not target.is_dir():
        raise fail(node, key, f"'{as_str(node, key).strip()}' is not a regular file (a pipe, socket or device)")
    return target
