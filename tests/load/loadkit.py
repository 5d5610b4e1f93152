"""Shared text of the load tests: a complete issue.yaml and article as FORMAT.md shows them."""

from __future__ import annotations

ISSUE_YAML = """\
paper:
  name: 晋城大医院
  tagline: 全国优秀医院报刊
  publisher: 晋城大医院 主办
  logo: images/logo.png
  licence: 内部资料 免费交流
issue:
  number: 4
  total: 215
  date: 2026-04-01
credits:
  主编: 刘维佳
  副主编: 王雅楠
  责编: [李佳璐, 张晋刚, 牛丽琼]
layout: tabloid-4col
pages:
  - title: 要闻
    editor: 王雅楠
    template: front
    articles:
      - articles/safety-meeting.md
      - {file: articles/walk.md, slot: lead}
  - title: 综合
    articles: [articles/elder-care.md, articles/skills.md]
extras:
  qr_title: 扫码关注我们
  qr:
    - {label: 官方微信平台, data: "https://example.org/wechat"}
"""

FULL_ARTICLE = """\
---
kicker: 深化医养融合发展
title: 我院举办失能老人照护服务专题座谈会
subtitle: 提升失能照护服务水平
byline: 全科医学科 李娟娟
byline_position: end
note: 拇甲瓣移植术是显微外科领域……
photos:
  - src: images/meeting.jpg
    caption: 座谈会现场
    credit: 卞晨
    width: 2
credits: {策划: 宋玉红, 文字: 王晶晶, 图片: 卞晨, 版式: 任宇轩}
---
第一段正文。段首缩进两个汉字由版式决定，不要手打空格。

## 小标题

正文继续……
"""


def simple_article(title: str) -> str:
    return f"---\ntitle: {title}\n---\n{title}的正文。\n"
