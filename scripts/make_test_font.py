"""Build the small checked-in test fonts in tests/fonts/ from the machine's Noto Serif CJK SC and LXGW WenKai.

TestSerif-Subset.ttf: ASCII, CJK punctuation and ~400 common Han characters of Noto Serif CJK SC
Regular, converted to TrueType outlines. TestFallback-Subset.ttf: ~20 Han characters of LXGW WenKai
Regular that the first font lacks (plus two it has), so tests can check per-character fallback.
Both are renamed (OFL: a modified version keeps the copyright but not a reserved font name).

Run: .venv/bin/python scripts/make_test_font.py   (rerun only on purpose; tests check the result)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from issuepress.fonts.embed import truetype_subset  # noqa: E402
from issuepress.fonts.match import family_faces, nearest_weight  # noqa: E402
from issuepress.fonts.paths import STANDARD_DIRS  # noqa: E402
from issuepress.fonts.scan import FontIndex  # noqa: E402

OUT_DIR = ROOT / "tests" / "fonts"
SERIF_OUT = OUT_DIR / "TestSerif-Subset.ttf"
FALLBACK_OUT = OUT_DIR / "TestFallback-Subset.ttf"
SIZE_LIMIT = 300_000  # bytes: the brief's ceiling for a checked-in binary

ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
# CJK punctuation of GB/T 15834 as clreq §3.1 lists it, plus the ideographic space.
PUNCTUATION = "、，。．：；！？“”‘’（）《》〈〉【】〔〕「」『』——……·～\u3000"

# Sentences the tests and examples set; every Han character in them is in the serif font.
SENTENCES = (
    "我院举办失能老人照护服务专题座谈会",
    "深化医养融合发展，提升失能照护服务水平。",
    "第一段正文。段首缩进两个汉字由版式决定，不要手打空格。",
    "晋城大医院主办，全国优秀医院报刊。",
    "本报讯（记者张三）近日，医院召开安全生产工作会议。",
    "编者按：拇甲瓣移植术是显微外科领域的一项新技术。",
    "二〇二六年四月一日星期三，农历丙午年二月十四。",
    "策划、文字、图片、版式：宋玉红、王晶晶、卞晨、任宇轩。",
    "“春风又绿江南岸，明月何时照我还？”",
    "主编刘维佳，副主编王雅楠，责编李佳璐、张晋刚、牛丽琼。",
    "下转第三版，上接第一版。",
)

# The most frequent Han characters of modern Chinese text, to give tests and layouts real text.
COMMON = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可生自会那后能对着事其"
    "里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只"
    "主没公从知使全已老本部现因开美外等长新样月问力理意动情条点全报接便处期量高正手通气民业实加化"
    "工作表比或但内感回间体位数最题头再重性向各原文明政路机由少合求光电几应打想物关产身它市常西本"
    "水果活向总信先结世任感才特格教战提农直群每至门代白员写记百区书制话入金名队花品运东平走象路"
    "院医护服务科病患者健康治疗检查手术药护士专家诊断预防卫生保障管理安全会议举办召开座谈组织建设"
    "发展研究技术创新质量提升社区居民志愿活动宣传培训学习交流经验工作人员领导同志职工单位部门全年"
    "春夏秋冬风雨雪山河海江湖城乡村镇街道楼房车站校园图书馆节假庆祝欢乐幸福温暖关爱帮助支持合作"
)


def han_chars() -> str:
    """The Han characters of SENTENCES and COMMON, deduplicated in first-seen order."""
    seen: dict[str, None] = {}
    for text in SENTENCES + (COMMON,):
        for ch in text:
            if "\u4e00" <= ch <= "\u9fff" or ch == "〇":
                seen[ch] = None
    return "".join(seen)


# Han characters the serif subset lacks (animals and plants of classical texts), set from the
# fallback face; 中 and 文 are in both, to show the primary face wins when both have a character.
FALLBACK_ONLY = "鹦鹉麒麟饕餮貔貅蝙蝠蜻蜓蟋蟀螳螂蝌蚪芍芙"
FALLBACK_SHARED = "中文"


def find_face(family: str, weight: int) -> tuple[Path, int]:
    faces = family_faces(FontIndex(STANDARD_DIRS, None).faces, family)
    info = nearest_weight(faces, weight)
    if info is None or info.weight_class != weight:
        sys.exit(f"make_test_font: {family} (weight {weight}) is not installed")
    return Path(info.path), info.index


def rename(font: TTFont, family: str, ps_name: str, source: TTFont, note: str) -> None:
    """New family names (IDs 1-6, 16/17 removed), the source's copyright and licence kept (OFL 1.1 §2, §3)."""
    name = font["name"]
    keep = {0, 13, 14}
    name.names = [r for r in name.names if r.nameID in keep]
    for rec in source["name"].names:
        if rec.nameID in (13, 14) and not name.getName(rec.nameID, rec.platformID, rec.platEncID, rec.langID):
            name.names.append(rec)
    version = source["name"].getDebugName(5) or "Version 1.0"
    for name_id, text in ((1, family), (2, "Regular"), (3, f"{ps_name};issuepress-test"),
                          (4, f"{family} Regular"), (5, version), (6, ps_name), (10, note)):
        name.setName(text, name_id, 3, 1, 0x409)
    font["OS/2"].usWeightClass = 400


def build(src: tuple[Path, int], chars: str, out: Path, family: str, ps_name: str, note: str) -> None:
    font = truetype_subset(src[0], src[1], chars)
    source = TTFont(str(src[0]), fontNumber=src[1], lazy=True)
    rename(font, family, ps_name, source, note)
    cmap = font.getBestCmap()
    lacking = sorted({c for c in chars if ord(c) not in cmap})
    if lacking:
        sys.exit(f"make_test_font: {src[0].name} lacks {''.join(lacking)!r}")
    buf = io.BytesIO()
    font.save(buf)
    data = buf.getvalue()
    if len(data) > SIZE_LIMIT:
        sys.exit(f"make_test_font: {out.name} is {len(data)} bytes, over {SIZE_LIMIT}")
    out.write_bytes(data)
    print(f"{out.relative_to(ROOT)}: {len(cmap)} chars, {len(data)} bytes")


def main() -> None:
    serif_chars = ASCII + PUNCTUATION + han_chars()
    clash = set(FALLBACK_ONLY) & set(serif_chars)
    if clash:
        sys.exit(f"make_test_font: fallback characters also in the serif font: {''.join(sorted(clash))}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    build(find_face("Noto Serif CJK SC", 400), serif_chars, SERIF_OUT, "IssuePress Test Serif",
          "IssuePressTestSerif-Regular",
          "Subset of Noto Serif CJK SC Regular with TrueType outlines, for issuepress tests.")
    build(find_face("LXGW WenKai", 400), FALLBACK_ONLY + FALLBACK_SHARED, FALLBACK_OUT,
          "IssuePress Test Fallback", "IssuePressTestFallback-Regular",
          "Subset of LXGW WenKai Regular, for issuepress tests of per-character fallback.")


if __name__ == "__main__":
    main()
