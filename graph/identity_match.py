"""Name forms of one entity: legal suffixes, bracketed locations, abbreviations, scored with rapidfuzz.

Companies are compared on their core name: the name without legal suffixes
(有限公司, 集团 ...) and without a bracketed location, which marks a subsidiary
(格力电器(重庆)有限公司 is a subsidiary of 格力电器, never the same node).
Projects are compared without a trailing 项目/工程.
"""
from __future__ import annotations

import re

from rapidfuzz.distance import LCSseq, Indel

# Longest first: 集团有限公司 is stripped whole before 有限公司 could leave 集团.
COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限公司", "集团公司",
                    "总公司", "分公司", "集团", "公司", "股份")
PROJECT_SUFFIXES = ("项目", "工程")
BRACKET = re.compile(r"[（(]([^（）()]{1,8})[）)]")
LEGAL = re.compile(r"集团|股份|控股|有限|公司")
MIN_CORE = 2
CJK = re.compile(r"[\u4e00-\u9fff]")
# A Latin name: capitalised words, two or more (LG Display, Tully Sugar), or one acronym (IBM);
# a lone word (Organization, relations) is an extraction slip, not a name.
LATIN_NAME = re.compile(r"[A-Z][\w&.-]*( [A-Z][\w&.-]*)+|[A-Z0-9&]{2,}")


def bracketed(name: str) -> tuple[str, str] | None:
    """(the name without its bracket, the location the bracket holds), or None."""
    m = BRACKET.search(name)
    if m is None or not CJK.search(m.group(1)) or LEGAL.search(m.group(1)):
        return None
    return (name[:m.start()] + name[m.end():]).strip(), m.group(1)


def _unbracketed(name: str) -> str:
    """A bracket that holds no location is part of the name (光明食品(集团)有限公司 ->
    光明食品集团有限公司) or a foreign name beside it (奥特斯(AT&S) -> 奥特斯)."""
    return BRACKET.sub(lambda b: b.group(1) if CJK.search(b.group(1)) else "", name).strip()


def core(name: str, label: str) -> str | None:
    """The part of a name that says which entity it is (None: too short to tell)."""
    suffixes = COMPANY_SUFFIXES if label == "Company" else PROJECT_SUFFIXES if label == "Project" else ()
    if not suffixes:
        return None
    br = bracketed(name) if label == "Company" else None
    base = br[0] if br else _unbracketed(name)
    changed = True
    while changed:
        changed = False
        for s in sorted(suffixes, key=len, reverse=True):
            if base.endswith(s) and len(base) > len(s):
                base, changed = base[:-len(s)], True
    if len(base) < MIN_CORE or base in suffixes or not (CJK.search(base) or LATIN_NAME.fullmatch(base)):
        return None
    return f"{base}({br[1]})" if br else base


def listed_and_group(a: str, b: str) -> bool:
    """One name is a listed company (股份), the other its group (集团): two legal entities
    the news often mixes up; a person decides (中色股份 / 中色集团)."""
    def listed(x):  # 紫金矿业集团股份有限公司 is the group's own full name
        return "股份" in x and "集团" not in x

    def group(x):
        return "集团" in x and "股份" not in x
    return (listed(a) and group(b)) or (listed(b) and group(a))


def base_core(name: str) -> str | None:
    """A bracketed company's parent core: 格力电器(重庆)有限公司 -> 格力电器."""
    br = bracketed(name)
    return core(br[0], "Company") if br else None


def abbreviation(short: str, long: str) -> float | None:
    """How sure short is an abbreviation of long (0-100), or None: short's characters appear
    in long in order, from long's first character, but not as one run (徐工 in 徐州工程机械;
    a prefix run such as 徐工 in 徐工重型机械 is as often a subsidiary)."""
    if len(short) < MIN_CORE or len(short) >= len(long) or short[0] != long[0] or short in long:
        return None
    if LCSseq.similarity(short, long) != len(short):
        return None
    # the more of long the short form covers, the surer
    return round(100 * (0.6 + 0.4 * len(short) / len(long)), 1)


def similarity(a: str, b: str) -> float:
    """rapidfuzz's normalized Indel similarity of two cores, 0-100."""
    return round(100 * Indel.normalized_similarity(a, b), 1)


def project_variant(short: str, long: str) -> float | None:
    """long is short with words before it (恒通 + 锂电池生产基地项目): 0-100, or None."""
    if len(short) < 6 or len(long) <= len(short) or not long.endswith(short) or not CJK.search(short):
        return None
    return round(100 * (0.6 + 0.4 * len(short) / len(long)), 1)
