"""The stable finding codes: severity, meaning and what an editor or designer does about each."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Code:
    """One finding code. `severity` is the usual one; a few codes are an error or a warning by degree."""

    code: str
    severity: str
    title: str
    fix: str


# Codes never change once published: scripts and tests match on them, not on message wording.
# Order here is the order of the README table (input and text first, then pictures, then the PDF).
_TABLE: tuple[Code, ...] = (
    Code("text-overset", ERROR, "An article does not fit the space the page gives it; the rest is not printed.",
         "Shorten the article, give it a larger slot or another page, or move a photo."),
    Code("page-hole", WARNING, "A page, the last one too, has an empty area larger than 2% of its type area; "
         "the message says about how many characters would fill it.",
         "Add text or a photo to a story on the page, move a story to it, or let a photo span more columns."),
    Code("masthead-too-tall", ERROR, "The front page's masthead is taller than the page's type area (a very long "
         "paper name or tagline): what runs past the page's foot is not printed, and no story fits under it.",
         "Shorten the paper's name or tagline, or use a logo (paper.logo)."),
    Code("table-too-wide", WARNING, "A table does not fit its width (its column, or the module it is set across) "
         "even at the table's smallest size (table.min_size) with its short cells kept whole: it is set with "
         "cells broken inside words (a warning), or it runs past its width even so (an error). The message "
         "names the file and line.",
         "Drop a column, shorten the cells (abbreviate, split the table in two), or give the layout a smaller "
         "table.min_size."),
    Code("glyph-missing", ERROR, "A character is in no font of the fallback chain; a marked box is printed.",
         "Replace the character, or add a font that has it to the layout's font roles."),
    Code("kinsoku", WARNING, "A line starts or ends with a mark that clreq forbids there (line-start/line-end rules).",
         "Rewrite the sentence near the line end, or report the line: the engine should have avoided it."),
    Code("line-past-edge", ERROR, "A set line is wider than its column and runs past the column edge.",
         "Break the long word or URL, or report it: no line may be wider than its measure."),
    Code("line-loose", WARNING, "A justified body line has more than ¼ em of added space between two Han characters.",
         "Rewrite a few words near the line (an unbreakable number, abbreviation or URL follows it), or accept it."),
    Code("halfwidth-punctuation", WARNING, "ASCII punctuation (, . : ; ? ! ( ) \" ') typed beside Chinese "
         "characters prints half-width and cramped; one finding per article counts the marks and quotes the "
         "first places with their lines (numbers, URLs, e-mail addresses, file names and code are not counted).",
         "Set `text.punctuation: fix` in the layout or compose with --fix-punctuation to set them full-width "
         "(each change is listed in the report's normalised); what has no certain form, correct in the file."),
    Code("word-picture-left-out", WARNING, "A picture pasted into a Word article cannot be printed (an EMF or WMF "
         "drawing, a chart, a picture linked to a file outside the document) and is left out, with its caption.",
         "In Word, copy it and Paste Special > Picture (PNG); or save it as JPEG or PNG and give it in NAME.yaml "
         "(photos: - src: …)."),
    Code("markup-unsupported", WARNING, "An article has markup issuepress does not set (raw HTML such as `<span>` or "
         "`<div>`): its text is set as plain text, the tags dropped and entity references decoded; the message names "
         "the file and line.",
         "Write it in Markdown (**bold**, *emphasis*, lists, > quotes), or leave it if plain text is what you want."),
    Code("image-missing", ERROR, "A photo's file does not exist; a marked placeholder is printed.",
         "Put the file at the path the article names, or correct the path."),
    Code("image-unreadable", ERROR, "A photo's file cannot be decoded (damaged, truncated or not a picture).",
         "Export the picture again as JPEG or PNG and replace the file."),
    Code("image-too-large", ERROR, "A photo has more pixels than issuepress will decode; a placeholder is printed.",
         "Scale the picture down (about 300 ppi at its printed size is enough)."),
    Code("image-not-placed", ERROR, "A photo and its caption are not printed: its story's module on the page "
         "ends above it (the story is reported overset).",
         "Give the story fewer photos or narrower ones, a larger place on the page, or a page of its own."),
    Code("image-low-resolution", WARNING,
         "A photo has fewer pixels than its printed size needs: a warning below the minimum ppi, "
         "an error below the hard floor.",
         "Use a larger original, or print the photo smaller (fewer columns)."),
    Code("image-cropped", WARNING, "More than 10% of a photo's width or height is cut away to fill its frame "
         "(never more than the layout's images.max_crop).",
         "Check that the cut keeps what matters (set the photo's focus:), or give the photo another width."),
    Code("photo-width", WARNING, "A photo is printed narrower than the columns its article asks for (the message "
         "says the width used and why: the story's module is narrower, or the picture has too few pixels).",
         "Give the story a wider place on the page, ask for fewer columns, or use a larger original."),
    Code("image-rgb", WARNING, "A picture in the print PDF is RGB; the press converts it with unknown settings.",
         "Compose in print mode with a CMYK profile so pictures are converted, or supply CMYK files."),
    Code("rgb-content", ERROR, "Text or rules in the print PDF are painted in RGB instead of CMYK.",
         "Define the colour in the layout's palette as CMYK."),
    Code("rich-black", WARNING, "Text is painted in four-colour black (K with C, M or Y); it misregisters on press.",
         "Use the layout's 'black' (K only) for text."),
    Code("ink-over-limit", ERROR, "A colour's total ink (C+M+Y+K) is above the paper's limit.",
         "Lighten the colour in the palette, or raise the limit if the printer allows it."),
    Code("font-not-embedded", ERROR, "A font used in the PDF is not embedded; the printer would substitute it.",
         "Use a font file whose licence allows embedding; never a base-14 font such as Helvetica in print."),
    Code("box-missing", ERROR, "A page lacks its TrimBox or BleedBox, or the boxes do not nest.",
         "Compose in print mode, which sets both boxes on every page."),
    Code("pdfx-unmet", ERROR, "The PDF cannot claim the PDF/X level asked for (see the message for the rule).",
         "Remove what the message names (transparency, RGB, an unembedded font), or choose PDF/X-4."),
)

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def severity(code: str) -> str:
    """The usual severity of `code`; raises KeyError for a code that is not in the table (a typo)."""
    return CODES[code].severity


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(codes: dict[str, Code] | None = None) -> str:
    """The codes as a Markdown table for the README and `check --codes`."""
    rows = ["| code | severity | what it means | what to do |", "| --- | --- | --- | --- |"]
    for c in (codes or CODES).values():
        rows.append(f"| `{c.code}` | {c.severity} | {_cell(c.title)} | {_cell(c.fix)} |")
    return "\n".join(rows) + "\n"
