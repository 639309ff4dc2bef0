"""Training data: gold articles projected onto character spans, and the public NER corpora."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest import clean

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "news_2011.jsonl"
ANNOTATIONS = Path(__file__).with_name("annotations") / "news_2011.jsonl"  # see annotations/README.md
LEARNED = ("Company", "Organization", "Project")


@dataclass
class GoldDoc:
    name: str
    text: str                                   # cleaned, simplified, width-folded: what the rules read
    gold: dict                                  # the gold line (SCHEMA.md format)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    shown: str = ""                             # the same characters as written (names are output so)


def shown_text(raw: str) -> str:
    """The article as written, cleaned and simplified (the same steps as ingest.extract)."""
    return clean.to_simplified(clean.strip_markers(clean.strip_boilerplate(raw)))


def prepare_text(raw: str) -> str:
    """The text the pipeline analyses (the same steps as ingest.extract)."""
    return clean.fold_width(shown_text(raw))


def _norm(s: str) -> str:
    return prepare_text(s) if s else s


def project_spans(text: str, gold: dict, labels=LEARNED) -> list[tuple[int, int, str]]:
    """Every occurrence of every gold name and alias of the given types, longest first,
    non-overlapping. A form claimed by two types keeps the required one."""
    forms: dict[str, tuple[int, str]] = {}
    for e in gold.get("entities", []):
        if e["type"] not in labels:
            continue
        rank = 0 if not e.get("optional") else 1
        for f in [e["name"], *e.get("aliases", [])]:
            f = _norm(f)
            if len(f) >= 2 and (f not in forms or rank < forms[f][0]):
                forms[f] = (rank, e["type"])
    taken = [False] * len(text)
    spans = []
    for f in sorted(forms, key=len, reverse=True):
        i = text.find(f)
        while i >= 0:
            j = i + len(f)
            if not any(taken[i:j]):
                spans.append((i, j, forms[f][1]))
                for k in range(i, j):
                    taken[k] = True
            i = text.find(f, i + 1)
    return sorted(spans)


def gold_doc(g: dict, raw: str) -> GoldDoc:
    """A gold line with its article as written (raw), read as the pipeline reads it."""
    shown = shown_text(raw)
    text = clean.fold_width(shown)
    return GoldDoc(g["article"], text, g, project_spans(text, g), shown)


def read_gold(gold_path: Path, texts_dir: Path) -> list[GoldDoc]:
    """Gold lines with their texts (read from shared/, never copied)."""
    docs = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        docs.append(gold_doc(g, (texts_dir / g["article"]).read_text(encoding="utf-8")))
    return docs


def dev_docs() -> list[GoldDoc]:
    return read_gold(SHARED / "dev" / "gold.jsonl", SHARED / "dev" / "texts")


def corpus_text(row: dict) -> str:
    """A corpus article laid out as the dev texts are (title, date, blank line, body): what
    the annotators read."""
    return f"{row['title']}\n{row['date']}\n\n{row['text'].strip()}\n"


def corpus_docs(annotations: Path = ANNOTATIONS, corpus: Path = CORPUS) -> list[GoldDoc]:
    """Annotated corpus articles (lines keyed by `corpus_id`), their texts read from the corpus."""
    lines = [json.loads(x) for x in annotations.read_text(encoding="utf-8").splitlines() if x.strip()]
    want = {g["corpus_id"] for g in lines}
    rows = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in want:
                rows[r["id"]] = r
    missing = want - rows.keys()
    if missing:
        raise ValueError(f"{annotations}: {len(missing)} corpus_id(s) not in {corpus}, e.g. {sorted(missing)[0]}")
    return [gold_doc(g, corpus_text(rows[g["corpus_id"]])) for g in lines]


def inline_docs(path: Path) -> list[GoldDoc]:
    """Gold lines that carry their own text (`text`: title, date, blank line, body): the
    articles written for the repository (ingest/learn/written/)."""
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        if not isinstance(g.get("text"), str):
            raise ValueError(f"{path}: line {n} has no text")
        docs.append(gold_doc(g, g["text"]))
    return docs


def gold_corpus_keys() -> tuple[set[str], set[str]]:
    """The corpus articles any gold covers, to leave out of what is read from the corpus: the
    annotated ones by corpus id, the dev set's corpus articles by title."""
    ids = {json.loads(x)["corpus_id"] for x in ANNOTATIONS.read_text(encoding="utf-8").splitlines() if x.strip()}
    titles = {p.read_text(encoding="utf-8").split("\n", 1)[0].strip() for p in (SHARED / "dev" / "texts").glob("*.txt")}
    return ids, titles


# CLUENER/MSRA/People's Daily labels -> ours (None: not a span we learn)
NER_MAP = {"company": "Company", "government": "Organization", "organization": "Organization",
           "ORG": "Organization"}


def read_ner(path: Path, limit: int | None = None, mapping: dict | None = NER_MAP
             ) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of a public NER corpus with the labels mapped to ours (mapping=None: as they are)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            d = json.loads(line)
            spans = [(s, e, lab if mapping is None else mapping[lab]) for s, e, lab in d["spans"]
                     if mapping is None or lab in mapping]
            out.append((d["text"], spans))
    return out
