"""`issuepress new DIR [--layout NAME]`: a ready issue to start from, which composes with no error."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from .sample_articles import GUIDE, LEAD, PHOTO_FILE
from .table import shown

DEFAULT_LAYOUT = "a4-3col"
# Where the comment of the `layout:` line starts, as the other comments of issue.yaml do.
LAYOUT_COMMENT_COLUMN = 32
# Prefix of the folder `new` fills before renaming it to DIR, so a failed run leaves no half an issue.
WORK_PREFIX = ".issuepress-new-"

ISSUE_YAML = """\
# The issue: which paper, which number and date, which layout, and which articles on which page.
# Paths are relative to this folder and may not leave it. Compose it with:
#   issuepress compose {folder}
paper:                          # the newspaper itself, the same in every issue
  name: 示例通讯                 # 报名: the paper's name, set large in the masthead
  tagline: 用纯文本编排的院报     # optional line beside the name (or remove it)
  publisher: 示例编辑部 主办      # optional: who publishes the paper
issue:                          # this issue
  number: 1                     # 第1期: this year's number
  total: 1                      # 总第1期: the running number since the first issue
  date: {date}              # the date printed in the masthead; the weekday and the lunar date are derived
credits:                        # printed where the layout puts credits (masthead or footer); any labels
  主编: 王主编
  责编: [李编辑, 张编辑]         # one name, or a list of names
{layout}# a built-in layout (issuepress layouts lists them), one in layouts/ here, or a path
pages:                          # one entry per page, in print order
  - title: 要闻                 # 版名, shown in the page header
    editor: 李编辑              # 本版责编 (optional)
{template}    articles:                   # placed in this order
{lead}      - articles/guide.md         # a plain entry: the layout finds it a place
"""


def _template_lines(layout: Any) -> tuple[str, str]:
    """The page's template line and the lead article's entry, for what the layout offers."""
    from ..load.issue import FIRST_PAGE_TEMPLATE

    tpl = layout.templates.get(FIRST_PAGE_TEMPLATE)
    names = ", ".join(sorted(layout.templates)) or "none"
    if tpl is None:
        return "", "      - articles/lead.md\n"
    template = f"    template: {FIRST_PAGE_TEMPLATE}             # a page template of the layout ({names})\n"
    slots = [s.name for s in tpl.slots]
    if not slots:
        return template, "      - articles/lead.md\n"
    return template, (f"      - {{file: articles/lead.md, slot: {slots[0]}}}   # pinned to the template's "
                      f"'{slots[0]}' slot\n")


def issue_yaml(layout_name: str, layout: Any, folder: str, today: dt.date) -> str:
    """issue.yaml of the new issue, each key with a comment saying what it is for."""
    template, lead = _template_lines(layout)
    return ISSUE_YAML.format(date=today.isoformat(), layout=f"layout: {layout_name}".ljust(LAYOUT_COMMENT_COLUMN),
                             folder=folder, template=template, lead=lead)


def _check_target(target: Path) -> None:
    """DIR may be new or an empty folder; anything else is refused (nothing of the user's is replaced)."""
    if target.is_symlink() and not target.exists():
        raise InputError(target, "is a broken symbolic link; give a new or empty folder")
    for up in target.absolute().parents:  # the nearest folder that exists must be a folder
        if up.exists():
            if not up.is_dir():
                raise InputError(up, "is a file, not a folder; the new issue cannot go inside it")
            break
    if target.exists():
        if not target.is_dir():
            raise InputError(target, "exists and is not a folder; give a new or empty folder")
        if any(target.iterdir()):
            raise InputError(target, "is not empty; give a new or empty folder (nothing was written)")


def write_issue(target: Path, layout_name: str, today: dt.date | None = None) -> list[Path]:
    """Write the sample issue into `target` (new or empty) and return the files written."""
    from ..load.layout import load_layout, looks_like_path

    if looks_like_path(layout_name):
        raise InputError("--layout", f"'{layout_name}' is a path; give a layout name (issuepress layouts lists "
                         "them), or put your layout in the new issue's layouts/ folder and name it in issue.yaml")
    _check_target(target)
    layout = load_layout(layout_name, None)  # an unknown name is an input error before anything is written
    try:
        files = _write_into(target, layout_name, layout, today or dt.date.today())
    except OSError as exc:
        raise InputError(target, f"cannot write the issue here: {exc.strerror or exc}") from None
    return [target / rel for rel in (*files, PHOTO_FILE)]


def _write_into(target: Path, layout_name: str, layout: Any, today: dt.date) -> dict[str, str]:
    """Fill a private folder beside `target` (inside it, when it is an existing empty folder), then
    move it (or its entries) into place: an interrupted or failed run leaves no half an issue."""
    from .sample_photo import sample_photo_jpeg

    existing = target.exists()
    parent = target if existing else target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=parent))
    files = {
        "issue.yaml": issue_yaml(layout_name, layout, shown(target), today),
        "articles/lead.md": LEAD,
        "articles/guide.md": GUIDE,
    }
    try:
        (work / "articles").mkdir()
        (work / "images").mkdir()
        for rel, text in files.items():
            (work / rel).write_text(text, encoding="utf-8")
        (work / PHOTO_FILE).write_bytes(sample_photo_jpeg())
        if existing:  # empty, checked before: the entries are moved in
            for entry in sorted(work.iterdir()):
                os.replace(entry, target / entry.name)
            work.rmdir()
        else:
            os.chmod(work, 0o777 & ~_umask())  # mkdtemp makes a private folder
            os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return files


def _umask() -> int:
    """The process's umask, which the new issue's folder is made with, as mkdir would."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def make_new_command(guard: Callable[[Any], Any]) -> click.Command:
    @click.command("new", short_help="Write a ready issue to start from into a new folder.")
    @click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
    @click.option("--layout", "layout_name", metavar="NAME", default=DEFAULT_LAYOUT, show_default=True,
                  help="The layout the issue names (a built-in one or one in $ISSUEPRESS_LAYOUTS).")
    @click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
    @guard
    def new_cmd(folder: Path, layout_name: str, debug: bool) -> None:
        """Write a ready issue into DIR (a new or empty folder): issue.yaml with today's date, two articles and a
        photo, each key explained in a comment. It composes as it is; edit it from there."""
        for path in write_issue(folder, layout_name):
            click.echo(shown(path))
        click.echo(f"compose it with: issuepress compose {shown(folder)}")

    return new_cmd
