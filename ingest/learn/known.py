"""Companies known from the unlabelled corpus: the span tagger sees where a name the rules read
as a company in other articles is written (京东方, 世纪瑞尔, 诺基亚), the way it sees the
gazetteer's places. Built by the rules alone, from strong cues only: a legal form (…有限公司),
a stock code, an officer's post, a list before 等…企业, and the bare form of a legal name. The
articles any gold covers (the dev texts, the annotated corpus articles) are left out, so no
article is scored with names read from itself. Beside them, major_companies.txt lists by hand the
big groups news names without a legal form (中国中铁, 宝钢, 壳牌), which the corpus rarely spells out.

    python -m ingest.learn.known      # rebuilds ingest/learn/known_companies.txt (about 10 s)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from ingest import gazetteer as gz
from ingest.analysis import _freq, _tag, word_ends
from ingest.coref import LEGAL_END, bare_form
from ingest.lexicon import DEPT_SUFFIX, GENERIC_NAMES
from ingest.company_cues import marked

PATH = Path(__file__).with_name("known_companies.txt")
MAJOR = Path(__file__).with_name("major_companies.txt")  # hand-compiled: the big groups news names bare
# a first word no company name starts with: a verb, a number, a measure word, an adverb, a pronoun…
NOT_FIRST = ("v", "m", "q", "d", "r", "p", "c", "u", "t", "f", "a", "b", "y", "e", "o", "z")
COMMON = 300  # jieba's count of a common word
VAGUE = ("上市", "行业", "产业", "企业", "一家", "多家", "几家", "全球", "第一", "最大", "巨头", "附属", "龙头")


def acceptable(name: str, coded: bool = False) -> bool:
    """A name that stands for one company wherever it is written: no place, no generic word,
    no phrase that starts with a verb, a number or an adverb (一家贸易公司, 继续加强), a brand
    among its words unless a stock code marked it (辉煌科技(002296))."""
    from ingest.learn.features import segment  # features reads this module's marks: imported here
    core = LEGAL_END.sub("", name)
    if len(name) < 2 or name in GENERIC_NAMES or len(core) < 2 or any(v in name for v in VAGUE) \
            or DEPT_SUFFIX.search(name):
        return False
    g = gz.load()
    if g.is_place(name) or g.is_place(core) or core in gz.countries():
        return False
    if coded:
        return True
    words = segment(core)
    first = words[0][:2] if len(words[0]) >= 4 else words[0]  # jieba's 继续加强 is one word
    # a brand among its words (富美 of 山东富美科技), not only common ones (市场研究公司, 系统集成)
    return not _tag(first).startswith(NOT_FIRST) and any(_brand_word(w) for w in words)


def _brand_word(w: str) -> bool:
    """features._brand, less the common nouns jieba keeps whole (价格优势, 照明设备: two common words)."""
    from ingest.learn.features import BRAND_TAGS, _brand
    common = all(_freq(h) >= COMMON and _tag(h) not in BRAND_TAGS for h in (w[:2], w[2:]))
    return _brand(w) and not (_tag(w) == "n" and len(w) == 4 and common)


def build(corpus: Path, skip_ids: set[str], skip_titles: set[str], progress=None) -> dict[str, int]:
    """name -> the number of corpus articles the rules read it in as a company."""
    from ingest.learn import data, run
    seen: dict[str, set[str]] = defaultdict(set)
    coded: set[str] = set()
    rows = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines() if x.strip()]
    for r in progress(rows) if progress else rows:
        if r["id"] in skip_ids or r["title"].strip() in skip_titles:
            continue
        a = run.rule_analysis(data.prepare_text(data.corpus_text(r)))
        for m in a.mentions:
            if m.label == "Company" and (LEGAL_END.search(m.name) or marked(m)):
                for f in (m.name, bare_form(m.name)):
                    if f:
                        seen[f].add(r["id"])
                if m.extra.get("sure"):
                    coded.add(m.name)
    return {n: len(ids) for n, ids in seen.items() if acceptable(n, n in coded)}


def index(names) -> dict[str, tuple[str, ...]]:
    """first character -> the names starting with it, longest first."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_first[name[0]].append(name)
    return {c: tuple(sorted(ns, key=len, reverse=True)) for c, ns in by_first.items()}


@lru_cache(maxsize=1)
def shipped() -> dict[str, tuple[str, ...]]:
    """The index of known_companies.txt and major_companies.txt (none when they are missing)."""
    return index(n for p in (PATH, MAJOR) for n in _names(p))


@lru_cache(maxsize=1)
def major() -> re.Pattern | None:
    """major_companies.txt's names, longest first, as one pattern (None when it is missing)."""
    names = _names(MAJOR)
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True)))) if names else None


def _names(path: Path) -> list[str]:
    """A shipped list's names (a line: the name, then a tab and its count in the corpus list)."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [x.split("\t")[0] for x in lines if x and not x.startswith("#")]


def is_known(name: str) -> bool:
    """Whether a shipped list holds the name."""
    return name in shipped().get(name[:1], ())


def count(path: Path = PATH) -> int:
    """How many names a list holds."""
    return sum(1 for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#"))


def layer(text: str, words: list[str], known: dict | None = None) -> list[str]:
    """Per character: B/I where a known company's name (known: an index, the shipped one by
    default) is written as whole words, else '-'."""
    lab = ["kc=-"] * len(text)
    known = shipped() if known is None else known
    bounds = [0] + word_ends(words)
    ends = set(bounds)
    for s in bounds:
        if s >= len(text) or lab[s] != "kc=-":
            continue
        for name in known.get(text[s], ()):
            e = s + len(name)
            if e in ends and text.startswith(name, s):
                lab[s] = "kc=B"
                for k in range(s + 1, e):
                    lab[k] = "kc=I"
                break
    return lab


def rebuild(corpus: Path, out: Path = PATH, progress=None) -> tuple[int, bool]:
    """Build the list from the corpus and write it to out: (names, whether the file changed)."""
    from ingest.learn import data
    skip_ids, skip_titles = data.gold_corpus_keys()
    names = build(corpus, skip_ids, skip_titles, progress)
    lines = [f"{n}\t{c}" for n, c in sorted(names.items(), key=lambda x: (-x[1], x[0]))]
    head = ["# companies the rules read with a strong cue in the corpus (python -m ingest.learn.known): name, articles"]
    body = "\n".join(head + lines) + "\n"
    changed = not out.exists() or out.read_text(encoding="utf-8") != body
    if changed:
        out.write_text(body, encoding="utf-8")
        if out.resolve() == PATH.resolve():
            shipped.cache_clear()
    return len(lines), changed


def main(argv=None) -> int:
    from tqdm import tqdm

    from ingest.learn import data
    ap = argparse.ArgumentParser(prog="python -m ingest.learn.known", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(data.CORPUS))
    ap.add_argument("--out", default=str(PATH))
    args = ap.parse_args(argv)
    n, _ = rebuild(Path(args.corpus), Path(args.out), lambda rows: tqdm(rows, desc="rules over the corpus", unit="article"))
    print(f"{n} names written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
