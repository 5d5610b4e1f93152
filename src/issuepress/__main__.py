"""`python -m issuepress`: the same command line as `issuepress`, for a venv whose bin/ is not on PATH."""

from .cli import main

main(prog_name="issuepress")
