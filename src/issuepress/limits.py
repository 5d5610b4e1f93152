"""The limits issuepress enforces on its input, in one place, each with the reason for its value.

docs/limits.md states them for editors. The issue-level ones are input errors raised by load/ (naming
the file and key); the picture limit is a finding (image-too-large) with a placeholder on the page.
"""

from __future__ import annotations

# Pages per issue. Newsletters run 4 to 16 pages (院报, 校报); 64 is four times the largest, and a
# page costs up to about a second to compose, so an issue stays within about a minute (64 pages of 40
# short stories: 63 s of CPU and 203 MiB, docs/limits.md).
MAX_PAGES = 64

# Articles listed on one page. A page of brief items (简讯) holds 15 to 20; the placement search grows
# with the number of stories (a page of 40 short stories takes about 1 s to compose, 0.4 s of it the
# search, which is shortened beyond 20 stories: layout/placement.py EXHAUSTIVE_STORIES), so 40 bounds it.
MAX_ARTICLES_PER_PAGE = 40

# Characters in one article file (front matter and body, after decoding). A tabloid page holds about
# 5,000 characters of body text, so 64 full pages hold about 320,000: an article above 500,000 can
# never be printed whole. Setting 500,000 characters takes about 15 s (most of it reported overset).
MAX_ARTICLE_CHARS = 500_000

# Bytes in one text input file (issue.yaml, an article, a layout), checked before it is read.
# 500,000 characters are at most 2 MB in UTF-8 (4 bytes for the rarest); 8 MB leaves room for
# comments and front matter while a mistaken multi-gigabyte file is refused without reading it.
MAX_TEXT_FILE_BYTES = 8 * 1024 * 1024

# Pixels in one picture. 80 MP is a 10,000 × 8,000 image: 300 ppi over 85 × 68 cm, more than a
# tabloid page needs. Decoding one takes about 320 MB of memory (RGBA), so larger files are refused
# before decoding (decompression bombs) and shown as a marked placeholder. Same value as
# layout/photos.py MAX_PIXELS, which makes the check.
MAX_IMAGE_PIXELS = 80_000_000

# YAML values in one file after aliases are expanded (`*name` copies what `&name` marks). A layout
# has a few hundred; the limit stops a "billion laughs" file (aliases of aliases) from expanding
# without end.
MAX_YAML_NODES = 100_000

# Nesting depth of a YAML file (mappings in lists in mappings ...). The deepest real input, a layout
# style inside `styles:` inside a template, is under 8 levels; deeper is a mistake or an attack.
MAX_YAML_DEPTH = 64

# Lengths in a layout (page size, margins, rules, type sizes), in pt either way. 14,400 pt (200 in,
# 5.08 m) is the largest page PDF viewers accept (ISO 32000-1, annex C); nothing on a page is longer.
MAX_LENGTH_PT = 14_400.0

# Values in em in a layout (indents, letter spacing, Han-Latin space). A newspaper column is about 18
# characters wide and a page about 100; 100 em is wider than any measure.
MAX_EM = 100.0

# Whole numbers and plain numbers in a layout (grid lines, slot positions, ppi). A page has at most a few
# hundred grid lines and pictures need at most 1,200 ppi; 10,000 bounds loops and sizes made from them.
MAX_LAYOUT_NUMBER = 10_000

# Markdown nesting (blockquotes in blockquotes, lists in lists) in one article: real articles nest two
# or three levels. markdown-it stops reading a container past its nesting cap and drops the rest
# without a word, and its parser recurses once per level, so deeper text is an input error.
MAX_MARKDOWN_NESTING = 100

# Characters of body text in a whole issue: a 64-page tabloid holds about 320,000 (5,000 a page), and
# setting takes about 3 s of CPU per 100,000 characters, so this bounds the setting at about 30 s
# whatever the mix of pages and articles (docs/limits.md, "An issue at the limits").
MAX_ISSUE_CHARS = 1_000_000

# Bytes in one Word file (.docx), checked before it is opened. A department's article with a dozen
# phone photos pasted in is 10 to 40 MB; 200 MB is five times that, and a mistaken file (a video renamed)
# is refused without reading it.
MAX_WORD_FILE_BYTES = 200 * 1024 * 1024

# Bytes of a .docx once unpacked (the sum of its parts' declared sizes), checked from the zip's directory
# before anything is decompressed: pictures are stored almost uncompressed, so a real file unpacks to
# little more than its size, while a zip bomb declares gigabytes. Twice the file limit.
MAX_WORD_UNPACKED_BYTES = 400 * 1024 * 1024

# Bytes of one XML part of a .docx unpacked (word/document.xml, styles, numbering). Word writes about
# 60 bytes of markup per character of text, so an article at MAX_ARTICLE_CHARS is about 30 MB of XML.
MAX_WORD_XML_BYTES = 64 * 1024 * 1024

# Parts (zip members) in one .docx: Word writes 10 to 20 plus one per picture; 5,000 leaves room for
# hundreds of pictures while a zip of a million empty members is refused.
MAX_WORD_PARTS = 5_000

# Pictures taken from one Word article as its photos: a story prints two or three; 50 is a picture
# report, and each costs a frame on the page and a file in the cache.
MAX_WORD_PICTURES = 50
