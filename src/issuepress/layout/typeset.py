"""Set text in a layout's named styles: map characters to faces, run the text engine, note missing glyphs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, Sequence

from ..fonts.langs import DEFAULT_LANG, candidates, variant_role
from .paracache import ParagraphCache, SetParagraph, context_digest
from ..text.paragraph import set_paragraph
from ..text.types import Line, ParagraphSettings, StyledChar

# The few words the program adds to an article's text (（下转第N版）, 编者按：) in Traditional characters,
# for an article set in Traditional Chinese.
OWN_WORDS_TRADITIONAL = str.maketrans({"转": "轉", "编": "編"})

# Line metrics of the ideographic em box (see text/types.Line): ascent share of the size.
EM_ASCENT = 0.88


class Styler(Protocol):
    """What layout needs from fonts/: characters mapped to faces with their advances."""

    def style_chars(self, text: str, role: str, size_pt: float, color: str = "black",
                    source_offset: int = 0) -> list[StyledChar]: ...

    def face_ids(self, role: str) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class MissingGlyph:
    """A character no face of the role's chain has; reported as a finding with its code point."""

    ch: str
    role: str
    where: str  # article file or furniture name


@dataclass
class Setter:
    """Sets spans of text in a layout style; collects missing glyphs for the report."""

    fonts: Styler
    layout: object  # model.Layout (typed loosely so layout tests can pass a small stand-in)
    root: Path | None = None  # the issue folder: file names in findings are given relative to it
    missing: list[MissingGlyph] = field(default_factory=list)
    cache: dict = field(default_factory=dict)  # measurements other stages repeat (photos, headlines)
    # The language of each article by its `where` (zh-Hant, zh-HK …): its text is set in the layout's
    # roles for that language (`song@zh-Hant`). Furniture and articles not listed use the plain roles.
    langs: dict[str, str] = field(default_factory=dict)
    # Faces each language's text was set in, in the order first used (the report lists them).
    faces_used: dict[str, dict[str, None]] = field(default_factory=dict)
    _roles: dict[tuple[str, bool, str | None], str] = field(default_factory=dict)
    # Paragraphs already set (kept by the caller across composes, or this compose's own): the placement
    # search sets the same paragraphs at the same widths many times.
    paragraphs: ParagraphCache = field(default_factory=ParagraphCache)
    _context: str | None = None
    _touched: list[str] | None = None  # faces the paragraph being set used, in order

    def style(self, name: str):
        return self.layout.styles[name]

    def role_for(self, role: str, bold: bool, lang: str | None = None) -> str:
        """A bold span uses the role's '-bold' sibling when the layout defines one; Traditional text
        (`lang` zh-Hant, zh-HK …) the layout's role for that language (`song@zh-Hant`) when there is one."""
        key = (role, bold, lang)
        if key not in self._roles:
            chosen = role
            if bold:
                for cand in (f"{role}-bold", f"{role}_bold"):
                    if cand in self.layout.fonts:
                        chosen = cand
                        break
            self._roles[key] = variant_role(chosen, lang, self.layout.fonts)
        return self._roles[key]

    def emphasis_role(self, role: str) -> str:
        """The font role *emphasis* is set in: the layout's text.emphasis_font (楷体 by default), or the
        body role when the text around is already in that face (a 楷体 quote's emphasis in 宋体)."""
        emph = getattr(self.layout.text, "emphasis_font", "kai")
        if emph == role or emph not in self.layout.fonts:
            return "song" if role != "song" and "song" in self.layout.fonts else role
        return emph

    def own_words(self, text: str, where: str) -> str:
        """Words the program adds to an article (a jump line, the note's 编者按), in the article's script."""
        return text.translate(OWN_WORDS_TRADITIONAL) if self.lang_of(where) else text

    def lang_of(self, where: str) -> str | None:
        """The language an article (by its `where`) is set in; None for furniture and Simplified text."""
        lang = self.langs.get(where)
        return lang if candidates(lang) else None

    def chars(self, spans: Sequence[tuple[str, bool] | tuple[str, bool, bool]], style_name: str, where: str,
              size_pt: float | None = None, color: str | None = None) -> list[StyledChar]:
        st = self.style(style_name)
        size = size_pt or st.size_pt
        out: list[StyledChar] = []
        lang = self.lang_of(where)
        used = self.faces_used.setdefault(lang or DEFAULT_LANG, {})
        for span in spans:
            text, bold = span[0], span[1]
            font = self.emphasis_role(st.font) if len(span) > 2 and span[2] else st.font
            role = self.role_for(font, bold or getattr(st, "bold", False), lang)
            styled = self.fonts.style_chars(text, role, size, color or st.color, source_offset=len(out))
            for face in dict.fromkeys(sc.face for sc in styled if not sc.missing):
                used.setdefault(face, None)
                if self._touched is not None:
                    self._touched.append(face)
            spacing = getattr(st, "letter_spacing_em", 0.0) * size
            if spacing:
                styled = [replace(sc, advance_pt=sc.advance_pt + spacing) for sc in styled]
            for sc in styled:
                if sc.missing:
                    self.missing.append(MissingGlyph(sc.ch, role, where))
            out.extend(styled)
        return out

    def set(self, spans: Sequence[tuple[str, bool] | tuple[str, bool, bool]] | str, style_name: str,
            measure_pt: float, where: str, *, size_pt: float | None = None, align: str | None = None,
            indent_em: float | None = None, color: str | None = None, hang_pt: float = 0.0) -> tuple[Line, ...]:
        """Set one paragraph (spans of (text, bold[, emphasis])) at `measure_pt` in the named style;
        `hang_pt` indents every line but the first (a hanging indent)."""
        if isinstance(spans, str):
            spans = [(spans, False)]
        key = (self.context, tuple(tuple(s) for s in spans), style_name, measure_pt, self.lang_of(where), size_pt,
               align, indent_em, color, hang_pt)
        found = self.paragraphs.get(key)
        if found is None:
            missing, touched = len(self.missing), self._touched
            self._touched = []
            try:
                lines = self._set(spans, style_name, measure_pt, where, size_pt, align, indent_em, color, hang_pt)
                faces = tuple(dict.fromkeys(self._touched))
            finally:
                self._touched = touched
            if touched is not None:
                touched.extend(faces)
            found = SetParagraph(lines, tuple((m.ch, m.role) for m in self.missing[missing:]), faces)
            self.paragraphs.put(key, found)
            return lines
        self.replay(found, where)
        return found.lines

    @property
    def context(self) -> str:
        """Digest of the layout's styles and text rules and the fonts' files (paracache.context_digest)."""
        if self._context is None:
            self._context = context_digest(self.fonts, self.layout)
        return self._context

    def replay(self, found: SetParagraph, where: str) -> None:
        """What setting the paragraph reported, reported again for `where` (its missing glyphs, its faces)."""
        used = self.faces_used.setdefault(self.lang_of(where) or DEFAULT_LANG, {})
        for face in found.faces:
            used.setdefault(face, None)
        if self._touched is not None:
            self._touched.extend(found.faces)
        for ch, role in found.missing:
            self.missing.append(MissingGlyph(ch, role, where))

    def _set(self, spans, style_name: str, measure_pt: float, where: str, size_pt: float | None,
             align: str | None, indent_em: float | None, color: str | None, hang_pt: float) -> tuple[Line, ...]:
        st = self.style(style_name)
        rules = self.layout.text
        chars = self.chars(spans, style_name, where, size_pt, color)
        settings = ParagraphSettings(
            measure_pt=measure_pt,
            indent_em=st.indent_em if indent_em is None else indent_em,
            align=align or st.align,
            level=rules.level,
            han_latin_space_em=rules.han_latin_space_em,
            han_latin_space_min_em=rules.han_latin_space_min_em,
            hanging_punctuation=rules.hanging_punctuation,
            hang_pt=hang_pt,
        )
        return set_paragraph(chars, settings)


def display_path(path, root: Path | None) -> str:
    """A path as the editor wrote it: relative to the issue folder (findings and the report use it)."""
    p = Path(path)
    if root is not None:
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(p)


def article_langs(pages, root: Path | None) -> dict[str, str]:
    """Each article's language by the name its text is set under (Setter.langs)."""
    return {display_path(a.path, root): a.lang for page in pages for a in page.articles
            if getattr(a, "lang", None)}


def baseline_offset(leading_pt: float, size_pt: float) -> float:
    """Where a line's baseline sits below the top of its line slot: the em box centred in the leading."""
    return (leading_pt - size_pt) / 2 + EM_ASCENT * size_pt
