"""Chinese writing variants: which language tags set Traditional text, and how a role names its variant.

A layout gives a role for a variant as `ROLE@TAG` under `fonts:` (`song@zh-Hant`, `hei-bold@zh-HK`). An
article in that variant is set in those roles; a variant a layout does not give falls back to the
broader one (zh-HK to zh-Hant) and at last to the plain role, which is Simplified Chinese (GB).
"""

from __future__ import annotations

# Separates a role from the language tag of its variant in a role name: song@zh-Hant.
VARIANT_SEP = "@"
# What the plain roles (no @TAG) are for: mainland Simplified Chinese, GB punctuation.
DEFAULT_LANG = "zh-Hans"

# The variants the defaults and the built-in layouts give roles for, broadest last (see candidates()).
HANT = "zh-Hant"  # Traditional Chinese as Taiwan sets it (CNS 11643 glyphs, centred punctuation)
HK = "zh-HK"  # Hong Kong (HKSCS glyph forms, centred punctuation)
VARIANTS = (HANT, HK)

# Pause and stop marks that Taiwan and Hong Kong set centred in the em box (clreq "Phrase & section
# boundaries"; CNS style), the mainland in its lower left corner (GB/T 15834).
CENTRED_MARKS = frozenset("，。、：；！？．")

# Regions whose Chinese is written in Traditional characters (BCP 47 region subtags); Macau follows
# Hong Kong's glyph forms. Any other region, or none, is Simplified unless the script says Hant.
_TRADITIONAL_REGIONS = {"tw": (HANT,), "hk": (HK, HANT), "mo": (HK, HANT)}
# Cantonese (yue) is written in Traditional characters as Hong Kong sets them.
_HK_LANGUAGES = frozenset({"yue"})


def _subtags(tag: str) -> list[str]:
    return [p for p in tag.strip().replace("_", "-").lower().split("-") if p]


def candidates(lang: str | None) -> tuple[str, ...]:
    """The variant tags to look roles up by for an article in `lang`, best first; () for Simplified.

    zh-Hant-HK → zh-Hant-HK, zh-HK, zh-Hant; zh-TW → zh-TW, zh-Hant; zh-HK → zh-HK, zh-Hant; zh-Hans, zh,
    zh-CN and other languages → () (the plain roles).
    """
    if not lang:
        return ()
    parts = _subtags(lang)
    if not parts or parts[0] not in ("zh", *_HK_LANGUAGES):
        return ()
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if script == "hans":
        return ()
    if parts[0] in _HK_LANGUAGES:
        broader: tuple[str, ...] = (HK, HANT)
    elif region in _TRADITIONAL_REGIONS:
        broader = _TRADITIONAL_REGIONS[region]
    elif script == "hant":
        broader = (HANT,)
    else:
        return ()
    out: dict[str, str] = {}
    for tag in (lang.strip().replace("_", "-"), *broader):
        out.setdefault(tag.lower(), tag)
    return tuple(out.values())


def is_traditional(lang: str | None) -> bool:
    """True for a tag that sets Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO, yue …)."""
    return bool(candidates(lang))


def variant_of(role: str) -> tuple[str, str | None]:
    """(base role, variant tag) of a role name: 'song@zh-Hant' → ('song', 'zh-Hant'); 'song' → ('song', None)."""
    base, sep, tag = role.partition(VARIANT_SEP)
    return (base, tag) if sep else (role, None)


def role_lang(role: str) -> str:
    """The language a role sets: its variant tag, or DEFAULT_LANG for a plain role."""
    return variant_of(role)[1] or DEFAULT_LANG


def centred_punctuation(role: str) -> bool:
    """Whether the role sets Traditional text, whose pause and stop marks stand centred (CNS style)."""
    return is_traditional(variant_of(role)[1])


def variant_role(role: str, lang: str | None, defined) -> str:
    """The role an article in `lang` uses for `role`: the first `role@TAG` the layout defines among the
    language's candidates (tags compared without case), else `role` itself."""
    tags = candidates(lang)
    if not tags:
        return role
    by_key = {name.lower(): name for name in defined if VARIANT_SEP in name}
    for tag in tags:
        hit = by_key.get(f"{role}{VARIANT_SEP}{tag}".lower())
        if hit is not None:
            return hit
    return role
