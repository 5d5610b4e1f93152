"""Short forms of a title for the one-line continuation head (转版)."""

from __future__ import annotations

from issuepress.layout.continued import title_prefixes


def test_editor_short_title_comes_first():
    assert title_prefixes("我院举办失能老人照护服务专题座谈会", "照护座谈会")[:2] == \
        ["照护座谈会", "我院举办失能老人照护服务专题座谈会"]


def test_cuts_at_marks_and_spaces_come_before_phrase_cuts():
    forms = title_prefixes("柔肩担道义 温情铸医魂")
    assert forms[:2] == ["柔肩担道义 温情铸医魂", "柔肩担道义"]
    forms = title_prefixes("韩东一：在防聋治聋征途上拓荒前行")
    assert forms[1] == "韩东一"  # the mark's cut, without the mark


def test_every_form_is_a_start_of_the_title_and_longer_forms_come_first_within_a_kind():
    title = "永兴镇中心学校第二十一届中小学生田径运动会开幕"
    forms = title_prefixes(title)
    assert all(title.startswith(f) for f in forms)
    assert forms == sorted(forms, key=len, reverse=True)  # no marks here: phrase cuts only, longest first
    assert len(set(forms)) == len(forms)
