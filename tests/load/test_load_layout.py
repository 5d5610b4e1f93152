"""Layouts: the project's layouts load, every key validates from its declaration, errors name file and key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from issuepress.errors import InputError
from issuepress.load import layout_schema
from issuepress.load.layout import find_layout, known_layouts, load_layout
from issuepress.load.schema import Kind, ListOf, MapOf, Section
from issuepress.load.units import PT_PER_MM, ZIHAO

REPO = Path(__file__).resolve().parents[2]


def mm(v: float) -> float:
    return v * PT_PER_MM


def layout_error(write, text: str, name: str = "l.yaml") -> tuple[InputError, Path]:
    path = write(name, text)
    with pytest.raises(InputError) as info:
        load_layout(path)
    return info.value, path


def test_project_layouts_are_found():
    assert {"a4-3col", "tabloid-4col"} <= set(known_layouts())
    assert find_layout("a4-3col") == REPO / "src" / "issuepress" / "layouts" / "a4-3col.yaml"


def test_a4_3col():
    lay = load_layout("a4-3col")
    assert lay.name == "a4-3col" and lay.path == REPO / "src" / "issuepress" / "layouts" / "a4-3col.yaml"
    assert lay.page.width_pt == pytest.approx(mm(210)) and lay.page.height_pt == pytest.approx(mm(297))
    assert lay.page.bleed_pt == pytest.approx(mm(3)) == lay.print.bleed_pt
    assert all(mm(15) <= m <= mm(18) for m in (lay.page.margin_top_pt, lay.page.margin_bottom_pt,
                                             lay.page.margin_inside_pt, lay.page.margin_outside_pt))
    assert (lay.grid.columns, lay.grid.gutter_pt) == (3, pytest.approx(mm(4.5)))
    body = lay.styles["body"]
    assert (body.font, body.size_pt, body.leading_pt) == ("song", 9.0, lay.grid.baseline_pt) and body.leading_pt == 14
    assert body.indent_em == 2 and body.align == "justify"
    assert lay.title_sizes[1] == ZIHAO["小二"] and lay.title_sizes[3] == ZIHAO["小一"]
    assert lay.templates["front"].masthead and not lay.templates["front"].header
    assert lay.templates["inner"].header and lay.templates["feature"].header
    lead = lay.templates["front"].slot("lead")
    assert lead is not None and (lead.column, lead.span, lead.line, lead.lines) == (0, 3, 0, None)
    assert lay.colors["black"] == (0, 0, 0, 1.0)


def test_tabloid_4col():
    lay = load_layout("tabloid-4col")
    assert (lay.page.width_pt, lay.page.height_pt) == (pytest.approx(mm(297)), pytest.approx(mm(420)))
    assert lay.grid.columns == 4 and lay.grid.gutter_pt == pytest.approx(mm(5))
    assert 16 <= lay.grid.baseline_pt <= 17 and lay.styles["body"].size_pt == 10.5
    assert lay.page.margin_top_pt == pytest.approx(mm(18))
    assert [lay.title_sizes[s] for s in (1, 2, 3, 4)] == [18, 22, 24, 36]
    assert lay.templates["front"].slot("lead").span == 4


@pytest.mark.parametrize("name", ["a4-3col", "tabloid-4col"])
def test_every_required_style_and_role_exists(name):
    lay = load_layout(name)
    required = set(layout_schema.BUILTIN_STYLES)
    assert required <= set(lay.styles)
    for style in lay.styles.values():
        assert style.font in lay.fonts and style.color in lay.colors
    assert {"song", "hei", "kai", "song-bold", "hei-bold"} <= set(lay.fonts)


def test_empty_layout_takes_every_default(write):
    lay = load_layout(write("empty.yaml", ""))
    assert lay.name == "empty" and lay.grid.columns == 3
    assert lay.styles["body"].leading_pt == lay.grid.baseline_pt
    assert lay.styles["title"].indent_em == 0 and lay.styles["note"].indent_em == lay.text.indent_em
    assert lay.masthead.height_pt == 7 * lay.grid.baseline_pt  # "7 lines"
    assert lay.images.min_ppi == 300 and lay.print.ink_limit == 300 and lay.print.profile is None
    assert set(lay.templates) == {"front", "inner", "feature"}


def test_unknown_key_names_path_and_suggests(write):
    err, path = layout_error(write, "styles:\n  body:\n    sise: 10pt\n")
    assert err.path == path and err.line == 3 and err.key == "styles.body.sise"
    assert "did you mean 'size'?" in err.message
    assert str(err).startswith(f"{path}:3: styles.body.sise: unknown key")


def test_unknown_top_level_key(write):
    err, _ = layout_error(write, "page:\n  size: A4\ngird:\n  columns: 3\n")
    assert err.key == "gird" and err.line == 3 and "did you mean 'grid'?" in err.message


def test_bad_unit_names_key_and_line(write):
    err, path = layout_error(write, "grid:\n  columns: 3\n  gutter: 4.5 furlongs\n")
    assert (err.path, err.line, err.key) == (path, 3, "grid.gutter") and "unknown unit 'furlongs'" in err.message


def test_bad_type(write):
    err, _ = layout_error(write, "grid:\n  columns: three\n")
    assert err.key == "grid.columns" and "whole number" in err.message


def test_style_naming_a_missing_font_role(write):
    err, _ = layout_error(write, "styles:\n  title: {font: heii-bold}\n")
    assert err.key == "styles.title.font" and err.line == 2
    assert "did you mean 'hei-bold'?" in err.message


def test_style_naming_a_missing_colour(write):
    err, _ = layout_error(write, "styles:\n  title: {color: blu}\n")
    assert err.key == "styles.title.color" and "no colors entry named 'blu'" in err.message


def test_bad_cmyk(write):
    err, _ = layout_error(write, "colors:\n  blue: [100, 50, 0]\n")
    assert err.key == "colors.blue" and "[c, m, y, k]" in err.message
    err, _ = layout_error(write, "colors:\n  blue: [100, 50, 0, 120]\n")
    assert "0 to 100" in err.message


def test_body_leading_must_be_the_grid(write):
    err, _ = layout_error(write, "grid: {baseline: 14pt}\nstyles:\n  body: {leading: 16pt}\n")
    assert err.key == "styles.body.leading" and "grid" in err.message


def test_slot_outside_the_grid(write):
    err, _ = layout_error(write, "grid: {columns: 3}\ntemplates:\n  front:\n    slots:\n      x: {column: 3}\n")
    assert err.key == "templates.front.slots.x.column" and err.line == 5


def test_units_and_names_in_a_layout(write):
    lay = load_layout(write("u.yaml", """
page: {size: 16开, orientation: landscape, bleed: 12Q, margins: {top: 1cm, bottom: 0.5in, inside: 20, outside: 五号}}
grid: {columns: 2, baseline: 15pt}
text: {indent: 2字, han_latin_space: 0.2}
styles:
  title: {size: 小初, leading: 3 lines, letter_spacing: 0.1em}
  pullquote: {font: kai, size: 小四}
masthead: {height: 100pt}
fonts:
  song: Noto Serif CJK SC
  mine: [{file: fonts/mine.ttf}, {family: Noto Sans CJK SC, weight: 700}]
title_sizes: {1: 一号, 3: 40pt}
"""))
    assert (lay.page.width_pt, lay.page.height_pt) == (pytest.approx(mm(260)), pytest.approx(mm(185)))
    assert lay.page.bleed_pt == pytest.approx(mm(3))
    assert lay.page.margin_top_pt == pytest.approx(mm(10)) and lay.page.margin_bottom_pt == pytest.approx(36)
    assert (lay.page.margin_inside_pt, lay.page.margin_outside_pt) == (20, 10.5)
    assert lay.text.indent_em == 2 and lay.text.han_latin_space_em == 0.2
    assert (lay.styles["title"].size_pt, lay.styles["title"].leading_pt) == (36, 45)
    assert lay.styles["pullquote"].font == "kai" and lay.styles["pullquote"].indent_em == 0
    assert lay.fonts["song"].chain[0].family == "Noto Serif CJK SC"
    assert lay.fonts["mine"].chain[0].file == "fonts/mine.ttf" and lay.fonts["mine"].chain[1].weight == "700"
    # spans not listed take the next narrower span's size; a layout's own list replaces the built-in one
    assert lay.title_sizes == {1: 26, 2: 26, 3: 40}


def test_extends_merges_in_depth(write):
    write("base.yaml", "grid: {columns: 4, gutter: 5mm}\nstyles:\n  title: {size: 小一, font: kai}\n")
    path = write("layouts/child.yaml", "extends: ../base.yaml\nstyles:\n  title: {size: 二号}\n")
    lay = load_layout(path)
    assert lay.name == "child" and lay.grid.columns == 4 and lay.grid.gutter_pt == pytest.approx(mm(5))
    assert (lay.styles["title"].size_pt, lay.styles["title"].font) == (22, "kai")


def test_extends_a_project_layout_by_name(write):
    lay = load_layout(write("mine.yaml", "extends: tabloid-4col\ngrid: {column_rule: 0}\n"))
    assert lay.grid.columns == 4 and lay.grid.column_rule_pt == 0 and lay.name == "mine"


def test_extends_loop_is_an_error(write):
    write("a.yaml", "extends: b.yaml\n")
    err, _ = layout_error(write, "extends: a.yaml\n", "b.yaml")
    assert err.key == "extends" and "itself" in err.message


def test_layout_not_found_suggests(tmp_path):
    with pytest.raises(InputError) as info:
        load_layout("a4-3cl", tmp_path)
    assert "no layout named 'a4-3cl'; did you mean 'a4-3col'?" in str(info.value)


def test_layout_found_through_env_var_and_issue_folder(tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "house.yaml").write_text("grid: {columns: 5}\n", encoding="utf-8")
    monkeypatch.setenv("ISSUEPRESS_LAYOUTS", str(extra))
    assert load_layout("house").grid.columns == 5
    issue = tmp_path / "issue"
    (issue / "layouts").mkdir(parents=True)
    (issue / "layouts" / "house.yaml").write_text("grid: {columns: 2}\n", encoding="utf-8")
    assert load_layout("house", issue).grid.columns == 2  # the issue's own layouts/ come first


def test_layout_yaml_syntax_error(write):
    err, path = layout_error(write, "grid:\n  columns: 3\n gutter: 5mm\n")
    assert err.path == path and err.line is not None and err.column is not None


def test_every_key_is_declared_with_help():
    def walk(entries, path=""):
        for e in entries:
            assert e.help.strip(), f"{path}{e.name} has no help text"
            if isinstance(e, Section):
                walk(e.keys, f"{path}{e.name}.")
            elif isinstance(e, MapOf) and not isinstance(e.value, Kind):
                section = e.value.item if isinstance(e.value, ListOf) else e.value
                walk(section.keys, f"{path}{e.name}.<{e.key_doc}>.")

    walk(layout_schema.ROOT)


def test_docs_reference_is_generated_from_the_declaration():
    text = layout_schema.reference()
    for key in ("`page.margins.inside`", "`grid.baseline`", "`styles.<style>.leading`", "`masthead.eye`",
                "`templates.<template>.slots.<slot>.lines`", "`print.ink_limit`", "`fonts.<role>[].weight`"):
        assert key in text
    docs = REPO / "docs" / "layout-keys.md"
    assert docs.read_text(encoding="utf-8") == text, "regenerate: python -m issuepress.load.layout_schema > " \
                                                     "docs/layout-keys.md"


def test_module_prints_the_reference():
    out = subprocess.run([sys.executable, "-m", "issuepress.load.layout_schema"], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    assert out == layout_schema.reference()
