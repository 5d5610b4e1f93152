"""The default font roles: free CJK families from Debian packages, each chain ending in the others."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .langs import HANT, HK, VARIANT_SEP
from .roles import FontChoice, FontRole

# The free families the defaults use (Debian fonts-noto-cjk and fonts-lxgw-wenkai).
SERIF = "Noto Serif CJK SC"  # 宋体 (Ming/Song) design
SANS = "Noto Sans CJK SC"  # 黑体 (Gothic/Hei) design
KAI = "LXGW WenKai"  # 楷体 (brush-script regular) design
CJK_FAMILIES = (SERIF, SANS, KAI)

# Primary families per role, best first. 仿宋 has no free Debian face in these packages, so it
# takes the 楷 face (closest in colour) and then Song; a layout names its own 仿宋 to do better.
PRIMARY: dict[str, tuple[str, ...]] = {
    "song": (SERIF,),
    "hei": (SANS,),
    "kai": (KAI, SERIF),
    "fangsong": (KAI,),
}

# Traditional Chinese: the Taiwan (TC) and Hong Kong (HK) faces of the same Noto CJK collections. They
# hold the CNS / HKSCS glyph forms and draw ，。、：；！？ centred in the em, as Taiwan and Hong Kong set
# them. 楷 has no free Traditional face in these packages: LXGW WenKai sets the Han characters and the
# registry takes the centred marks from the next face that has them (fonts/registry.py).
SERIF_TC, SANS_TC = "Noto Serif CJK TC", "Noto Sans CJK TC"
SERIF_HK, SANS_HK = "Noto Serif CJK HK", "Noto Sans CJK HK"
LANG_PRIMARY: dict[str, dict[str, tuple[str, ...]]] = {
    HANT: {"song": (SERIF_TC, SANS_TC), "hei": (SANS_TC, SERIF_TC), "kai": (KAI, SERIF_TC, SANS_TC),
           "fangsong": (KAI, SERIF_TC, SANS_TC)},
    HK: {"song": (SERIF_HK, SANS_HK), "hei": (SANS_HK, SERIF_HK), "kai": (KAI, SERIF_HK, SANS_HK),
         "fangsong": (KAI, SERIF_HK, SANS_HK)},
}

# Weight of each role variant; layout/ looks for a role's "-bold" sibling for **bold** spans.
VARIANTS: dict[str, str] = {"": "regular", "-bold": "bold"}


def role_chain(families: tuple[str, ...], weight: str) -> tuple[FontChoice, ...]:
    """The families, then every other CJK family as a fallback for characters they lack."""
    ordered = list(families) + [f for f in CJK_FAMILIES if f not in families]
    return tuple(FontChoice(family=f, weight=weight) for f in ordered)


def lang_chain(families: tuple[str, ...], weight: str) -> tuple[FontChoice, ...]:
    """A Traditional role's families, then LXGW WenKai for what they lack (it draws many Extension
    C–H characters the Noto collections do not)."""
    ordered = list(families) + ([KAI] if KAI not in families else [])
    return tuple(FontChoice(family=f, weight=weight) for f in ordered)


def default_roles() -> dict[str, FontRole]:
    """song, hei, kai, fangsong and their -bold variants; the same for zh-Hant and zh-HK (`song@zh-Hant`)."""
    roles: dict[str, FontRole] = {}
    for role, families in PRIMARY.items():
        for suffix, weight in VARIANTS.items():
            name = role + suffix
            roles[name] = FontRole(name, role_chain(families, weight))
    for tag, primary in LANG_PRIMARY.items():
        for role, families in primary.items():
            for suffix, weight in VARIANTS.items():
                name = f"{role}{suffix}{VARIANT_SEP}{tag}"
                roles[name] = FontRole(name, lang_chain(families, weight))
    return roles


# Read-only: callers that want to change roles copy default_roles().
DEFAULT_ROLES: Mapping[str, FontRole] = MappingProxyType(default_roles())
