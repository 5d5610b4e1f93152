"""Copy typed on a phone (ASCII marks among Chinese text) as an issue folder, composed and read back."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from PIL import Image

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "robust"))  # the CLI runner, PDF text read-back
sys.path.insert(0, str(TESTS / "e2e"))  # the seeds' measures

from e2ekit import SEEDS  # noqa: E402,F401
from e2ekit import compose as e2e_compose  # noqa: E402,F401
from pdfmeasure import baseline_grid_faults, justification, kinsoku_faults  # noqa: E402,F401
from robustkit import describe, one_line, pdf_pages_text, run_cli  # noqa: E402
from issuekit import issue_yaml  # noqa: E402

# Each paragraph as an editor's phone sends it, and as it must read once fixed: dates, a time, a
# percentage, a price, a URL with a query, an e-mail address, a file name, an English sentence quoted
# inside Chinese, quotes nested in quotes, a Latin abbreviation in brackets beside Han.
PARAGRAPHS = (
    ("3月25日上午8:30,护理部在门诊楼三楼会议室举办夜间护理专项培训,全院23个病区的护士长及骨干共120人参加.",
     "3月25日上午8:30，护理部在门诊楼三楼会议室举办夜间护理专项培训，全院23个病区的护士长及骨干共120人参加。"),
    ('培训中,护理部主任张华说:"夜班是风险最高的时段,每一位护士都要做到心中有数."她用一组数据说明问题:'
     "去年全院夜间不良事件占比3.5%,较前年下降1.2个百分点;但跌倒事件仍有12例.",
     "培训中，护理部主任张华说：“夜班是风险最高的时段，每一位护士都要做到心中有数。”她用一组数据说明问题："
     "去年全院夜间不良事件占比3.5%，较前年下降1.2个百分点；但跌倒事件仍有12例。"),
    ("泌尿外科护士长李敏介绍了经尿道钬激光前列腺剜除术(HoLEP)术后的夜间观察要点,并提醒大家:"
     "\"患者说'没事'的时候,更要多看一眼!\"",
     "泌尿外科护士长李敏介绍了经尿道钬激光前列腺剜除术（HoLEP）术后的夜间观察要点，并提醒大家："
     "“患者说‘没事’的时候，更要多看一眼！”"),
    ("本次培训的课件已上传至护理部网站https://www.example.cn/a?b=1,也可发邮件至 hlb@example.cn 索取. "
     "培训费用1,000元由科室承担,日程见附件 plan-2026.pdf",
     "本次培训的课件已上传至护理部网站https://www.example.cn/a?b=1，也可发邮件至 hlb@example.cn 索取。"
     "培训费用1,000元由科室承担，日程见附件 plan-2026.pdf"),
    ('外籍专家Dr. Smith在交流时说:"Nursing is an art, and a science."大家报以热烈的掌声!',
     "外籍专家Dr. Smith在交流时说：“Nursing is an art, and a science.”大家报以热烈的掌声！"),
    ("下一期培训时间:4月8日 14:00,地点待定?请关注通知(比分1:2的友谊赛同日举行).",
     "下一期培训时间：4月8日 14:00，地点待定？请关注通知（比分1:2的友谊赛同日举行）。"),
)
FRONT = {  # key: (as typed, as fixed)
    "kicker": ("护理部消息:夜班安全", "护理部消息：夜班安全"),
    "title": ('我院开展"夜间护理"专项培训,百余人参加', "我院开展“夜间护理”专项培训，百余人参加"),
    "subtitle": ("培训覆盖全院23个病区(含急诊)", "培训覆盖全院23个病区（含急诊）"),
}
CAPTION = ("培训现场,护士长在讲解", "培训现场，护士长在讲解")
BYLINE = ("护理部 王丽", "护理部 王丽")
# What the fixed text must still hold exactly as typed.
KEPT = ("8:30", "3.5%", "1.2", "1,000元", "https://www.example.cn/a?b=1", "hlb@example.cn", "plan-2026.pdf",
        "Dr.Smith", "Nursing", "art,and", "science.”", "14:00", "1:2", "HoLEP")
# ASCII clause marks between two Han characters (what a reader must not find once fixed).
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
STRAY = re.compile(f"{HAN}[,:;?!]{HAN}")

LOCAL_LAYOUT = "layouts/local.yaml"


def article_text(fixed: bool = False) -> str:
    """The article file (or, fixed=True, the text it must print): front matter, a photo, six paragraphs."""
    k = 1 if fixed else 0
    head = "".join(f"{key}: '{pair[k]}'\n" for key, pair in FRONT.items())
    photo = f"photos:\n  - src: images/training.jpg\n    caption: {CAPTION[k]}\nbyline: {BYLINE[k]}\n"
    return f"---\n{head}{photo}---\n" + "\n\n".join(p[k] for p in PARAGRAPHS) + "\n"


def write_phone_issue(root: Path, layout: str = "a4-3col", punctuation: str | None = None) -> Path:
    """An issue of one page with the phone article; `punctuation` set in a local layout extending `layout`."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    Image.new("RGB", (1600, 1067), (120, 150, 180)).save(root / "images" / "training.jpg", quality=80)
    name = layout
    if punctuation is not None:
        (root / "layouts").mkdir(exist_ok=True)
        (root / LOCAL_LAYOUT).write_text(f"extends: {layout}\ntext:\n  punctuation: {punctuation}\n",
                                         encoding="utf-8")
        name = LOCAL_LAYOUT
    (root / "issue.yaml").write_text(issue_yaml([("要闻", ["articles/phone.md"])], name), encoding="utf-8")
    (root / "articles" / "phone.md").write_text(article_text(), encoding="utf-8")
    return root


def flat(text: str) -> str:
    """Text as compared with the PDF's: no spaces, no hyphens (a Latin word may be hyphenated at a line end)."""
    return re.sub(r"[\s\-\u2010]", "", text)


def compose(root: Path, *flags: str) -> tuple[dict, str]:
    """Compose `root` with the CLI: its report and the PDF's text (all pages, flattened as `flat` does)."""
    out = root.parent / f"{root.name}.pdf"
    res = run_cli("compose", root, "-o", out, "--proof", *flags)
    assert res.exit_code == 0, describe(res)
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    return report, flat("".join(pdf_pages_text(out)))


def punct_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "halfwidth-punctuation"]


def normalised_of(report: dict, file: str = "articles/phone.md") -> list[str]:
    return [c for entry in report["normalised"] if entry["file"] == file for c in entry["changes"]]


# Quotes typed with ASCII marks in a Hong Kong item (zh-HK), a Taiwan one that names no language (the
# issue's lang decides) and a mainland one (zh-Hans): (article file, front matter, as typed, as fixed for
# its language). Traditional Chinese quotes with 「」 and 『』 inside them, Simplified with “” and ‘’.
QUOTED = (
    ("hk.md", "lang: zh-HK\ntitle: '居民話:\"又壞𨋢\"'",
     "有人向記者抱怨:\"大廈成日整𨋢,其實'整𨋢'唔緊要.\"至下午5時許,電梯逐一恢復正常.",
     "有人向記者抱怨：「大廈成日整𨋢，其實『整𨋢』唔緊要。」至下午5時許，電梯逐一恢復正常。"),
    ("tw.md", "title: 運動會開幕",
     "校長說:\"今天的'拼搏'精神最可貴.\"全場鼓掌.",
     "校長說：「今天的『拼搏』精神最可貴。」全場鼓掌。"),
    ("cn.md", "lang: zh-Hans\ntitle: 护理培训",
     "护士长说:\"患者说'没事'的时候,更要多看一眼!\"大家纷纷点头.",
     "护士长说：“患者说‘没事’的时候，更要多看一眼！”大家纷纷点头。"),
)


def write_quoted_issue(root: Path, issue_lang: str | None = "zh-Hant") -> Path:
    """One page with the three QUOTED articles; `issue_lang` is issue.lang (the Taiwan item's language)."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for name, front, typed, _ in QUOTED:
        (root / "articles" / name).write_text(f"---\n{front}\n---\n{typed}\n", encoding="utf-8")
    text = issue_yaml([("要闻", [f"articles/{name}" for name, *_ in QUOTED])], "a4-3col")
    if issue_lang:
        text = text.replace("issue:\n", f"issue:\n  lang: {issue_lang}\n", 1)
    (root / "issue.yaml").write_text(text, encoding="utf-8")
    return root
