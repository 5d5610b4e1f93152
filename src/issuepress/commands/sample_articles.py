"""The two articles of the issue `issuepress new` writes: real Chinese text, front matter commented."""

from __future__ import annotations

# The sample photo's path inside the new issue (drawn by sample_photo.py).
PHOTO_FILE = "images/lake.jpg"

LEAD = f"""\
---
# Front matter: what is printed around the text. Every key but title is optional.
kicker: 创刊特稿                          # 引题: the small line above the title
title: 示例通讯今日创刊                    # 主题: the headline (\\n inside quotes breaks it in two lines)
subtitle: 一份用纯文本写成、直接付印的院报   # 副题: the line under the title
byline: 编辑部 王主编                      # printed at the end as （编辑部 王主编）; byline_position: top moves it
photos:
  - src: {PHOTO_FILE}                    # relative to the issue folder
    caption: 湖畔远山（示例照片）            # set under the photo
    credit: 示例编辑部                      # the photographer, set after the caption
    width: 2                               # columns the photo spans (the layout decides without it)
---
四月的第一个星期一，《示例通讯》第一期与读者见面了。这份报纸的每一篇稿件都是一个普通的文本文件，每一张照片都放在同一个文件夹里，排版、分栏、标题字号和页眉页脚由版式文件统一决定，编辑只管把文字写好。

过去编一期院报，往往要把稿件反复拷贝进排版软件，改一个错字就得重新调整整版；稿件一多，哪一版是最新的、哪张照片已经换过，常常说不清楚。现在，稿件和照片在文件夹里各就各位，改动一目了然，排版结果每次都一样。

## 稿件怎样变成版面

每篇稿件开头的几行写明引题、标题、署名和照片，正文从第二个分隔线之后开始。段首缩进两个汉字，由版式自动完成，不要手打空格；标点按国家标准排列，行首不会出现句号和逗号，行尾不会留下前引号。汉字与数字、英文字母之间的空隙，同样由程序按规范自动留出，录入时不必另加空格。

标题按所占栏数自动选择字号，照片按指定的栏宽缩放，图片说明紧跟在照片下方。一篇稿件如果在本版放不下，排版程序会在报告里说明还差多少字，编辑可以删减文字，也可以把它移到下一版。

## 一期报纸的几个文件

整期报纸由一个名为期刊配置的文件统领：报名、期号、出版日期、每一版的版名和稿件顺序都写在里面。星期几和农历日期由日期自动推算，不必另外填写。版式文件决定纸张大小、栏数、字体和字号，换一种版式，同一批稿件就能排成另一种样子。

本期头版的照片是一张示例图片，换成自己的照片时，只需把新照片放进图片文件夹，再修改稿件开头的文件名和说明。

欢迎各科室踊跃投稿，来稿请注明作者姓名和所在部门。我们期待在下一期读到你的文字。
"""

GUIDE = """\
---
kicker: 编辑手记
title: 十分钟排好一期报纸
byline: 编辑部 李编辑
---
第一次使用的编辑，照着下面四步，十分钟就能排出一期报纸。

**第一步**，写稿。在稿件文件夹里新建一个文本文件，开头写上标题和署名，空一行之后写正文。小标题前面加两个井号，需要强调的词语前后各加两个星号，引用的段落前面加一个大于号。每一段之间空一行，一段之内不要手动换行。

**第二步**，放照片。把照片放进图片文件夹，在稿件开头的照片一栏写上文件名和说明。横跨两栏的照片，宽度不宜少于一千五百像素。

**第三步**，编排版面。打开期刊配置文件，在对应的版面下面列出稿件，排在前面的稿件先放。头条稿件可以指定放在头版的头条位置，其余稿件按顺序依次排列。

**第四步**，出样和检查。运行排版命令，几秒钟后就能得到付印文件和一份报告。报告会逐条列出稿件放不下、缺字、照片缺失等问题。照着报告修改稿件，再排一次，直到没有错误为止。
"""
