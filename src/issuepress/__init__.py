"""issuepress: compose print-ready Chinese newsletter PDFs from Markdown and YAML."""

__version__ = "0.1.0"
