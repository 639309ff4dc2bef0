"""Extraction: an article in, one record out (docs/CONTRACTS.md).

    python -m ingest.extract PATH...    # one JSON line per article (the scored contract)
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ingest import clean, moves, readers
from ingest import gazetteer as gz
from ingest.analysis import TOWN, VILLAGE, ZONE
from ingest.readers import ReadError
from ingest.relations import project_totals


def extract_text(text: str, name: str = "text", title: str | None = None, date: str | None = None,
                 source: str | None = None, publisher: str | None = None, url: str | None = None) -> dict:
    """Extract one article's entities and relations (publisher and url: what to cite)."""
    from ingest.pipeline import nlp
    body = clean.strip_boilerplate(text)
    key = clean.article_key(body)
    body = clean.strip_markers(body)
    simple = clean.fold_width(clean.to_simplified(body))
    title = title or next((ln.strip() for ln in body.split("\n") if ln.strip()), "")[:120]
    date = date or readers.date_in_text(text)  # the raw text: a dateline is page furniture
    pipe = nlp()
    doc = pipe.make_doc(simple)
    doc.user_data["date"] = date
    doc = pipe(doc)
    record = build_record(doc._.kg, body, name=name, title=title, date=date, source=source,
                          key=key)
    moves.annotate(record, simple)  # an official's two posts joined by a move cue (same_as)
    return record | {"publisher": publisher or readers.publisher_in_text(text), "url": url}


def extract_article(art: readers.Article) -> dict:
    return extract_text(art.text, name=art.name, title=art.title, date=art.date, source=art.source,
                        publisher=art.publisher, url=art.url)


def extract_file(path) -> dict:
    """The record of a one-article file; ReadError names the file and the problem."""
    arts = readers.read_file(path)
    if len(arts) != 1:
        raise ReadError(f"{path}: holds {len(arts)} articles; use iter_extract")
    return extract_article(arts[0])


def _extract_one(item):
    name, art, err = item
    if err:
        return name, None, err
    try:
        return name, extract_article(art), None
    except Exception as e:  # one bad article must not stop the batch
        return name, None, f"{art.source or name}: extraction failed ({type(e).__name__}: {e})"


def iter_extract(paths: Iterable, workers: int = 1) -> Iterator[tuple[str, dict | None, str | None]]:
    """(name, record, None) or (name, None, reason) per article, in input order."""
    return extract_items(readers.iter_articles(paths), workers)


def extract_items(items: Iterable, workers: int = 1) -> Iterator[tuple[str, dict | None, str | None]]:
    """iter_extract over (name, readers.Article or None, reason) items."""
    if workers <= 1:
        for item in items:
            yield _extract_one(item)
        return
    import multiprocessing as mp
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(workers, initializer=_warm) as pool:
        yield from pool.imap(_extract_one, items, chunksize=4)


def validated(results: Iterable) -> Iterator[tuple[str, dict | None, str | None]]:
    """iter_extract's triples, a record that breaks the contract turned into its reason."""
    from graph.loading import RecordError, validate_record
    for name, rec, reason in results:
        if rec is not None:
            try:
                validate_record(rec)
            except RecordError as e:
                rec, reason = None, str(e)
        yield name, rec, (reason or "no record") if rec is None else None


def extractor_version() -> str:
    """A digest of the extractor's code, configuration and model files: it changes
    whenever what extraction runs changes (recorded in the article log)."""
    import hashlib
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".cfg", ".json", ".crfsuite")
                    and "__pycache__" not in p.parts):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return "ingest-" + h.hexdigest()[:12]


def _warm():
    from ingest.pipeline import nlp
    nlp()


# ---- record assembly --------------------------------------------------------------------------
def _place_identity(g: gz.Gazetteer, m) -> tuple[str, str, str | None, list[int]]:
    """(key identity, level, parent key, ancestor indexes) of a place mention."""
    if m.place >= 0:
        path = g.path(m.place)
        return "/".join(path), g.divisions[m.place].level, None, [m.place, *g.ancestors(m.place)]
    parent = m.extra.get("parent", -1)
    if parent is not None and parent >= 0:
        chain = [parent, *g.ancestors(parent)]
        ident = "/".join(g.path(parent) + [m.name])
    else:
        chain, ident = [], m.name
    level = {VILLAGE: "village", TOWN: "township"}.get(m.place) or (
        "zone" if m.place == ZONE or gz.ZONE_SUFFIX.search(m.name) else "county")
    return ident, level, None, chain


def build_record(a, text: str, name: str, title: str, date: str | None, source: str | None, key: str) -> dict:
    from ingest.analysis import Mention
    g = gz.load()
    ents: dict[str, dict] = {}
    mention_key: dict[int, str] = {}

    def entity(label, ident, name, **props):
        k = f"{ {'Official': 'official', 'Place': 'place', 'Company': 'company', 'Organization': 'org', 'Project': 'project'}[label]}:{ident}"
        e = ents.get(k)
        if e is None:
            e = ents[k] = {"type": label, "key": k, "name": name, "aliases": [], "mentions": 0, **props}
        return e

    def place_entity(idx):
        ident = "/".join(g.path(idx))
        return entity("Place", ident, g.divisions[idx].name, level=g.divisions[idx].level)

    home_pref = a.home.get("prefecture")
    part_of: set[tuple[str, str]] = set()
    for m in sorted(a.mentions, key=lambda m: m.start):
        if m.label == "Place":
            ident, level, _, chain = _place_identity(g, m)
            e = entity("Place", ident, m.name, level=level)
            prev = e
            for idx in chain:
                if idx == m.place:
                    continue
                anc = place_entity(idx)
                anc.setdefault("implied", True)
                part_of.add((prev["key"], anc["key"]))
                prev = anc
        elif m.label == "Official":
            jur = _official_jurisdiction(g, a, m, home_pref)
            e = entity("Official", f"{m.name}@{jur}" if jur else m.name, m.name)
        else:
            e = entity(m.label, m.name, m.name)
        e["mentions"] += 1
        e.pop("implied", None)
        if m.text != e["name"] and m.text not in e["aliases"]:
            e["aliases"].append(m.text)
        mention_key[id(m)] = e["key"]
    # officials seen only by a later bare mention share the titled mention's key
    by_name = {}
    for m in a.mentions:
        if m.label == "Official" and m.extra.get("title"):
            by_name.setdefault(m.name, mention_key[id(m)])
    for m in a.mentions:
        if m.label == "Official" and not m.extra.get("title") and m.name in by_name:
            k_old = mention_key[id(m)]
            k_new = by_name[m.name]
            if k_old != k_new and k_old in ents:
                ents[k_new]["mentions"] += 1
                ents[k_old]["mentions"] -= 1
                if ents[k_old]["mentions"] <= 0:
                    del ents[k_old]
                mention_key[id(m)] = k_new

    # confidence: the tagger's and the pair model's own probabilities; for what the rules
    # make (places, officials, LEADS, PART_OF), their precision measured under cross-validation
    for m in a.mentions:
        k = mention_key.get(id(m))
        if k in ents:
            c = m.extra.get("confidence", a.priors.get(m.label, 1.0))
            ents[k]["confidence"] = max(ents[k].get("confidence", 0.0), c)
    for e in ents.values():
        e.setdefault("confidence", a.priors.get(e["type"], 1.0))

    totals = project_totals(a)
    for e in ents.values():
        if e["type"] == "Project" and e["name"] in totals:
            e["total_investment_cny"] = totals[e["name"]].get("amount_cny")
            e["total_investment_text"] = totals[e["name"]]["amount_text"]
            if e["total_investment_cny"] is None:
                del e["total_investment_cny"]

    def sentence(pos):
        s, e_ = a.sents[a.sent_of(pos)]
        return text[s:e_].strip() if len(text) == len(a.text) else a.text[s:e_].strip()

    from ingest import lifecycle
    lifecycle.attach(a, ents, mention_key, date, sentence)
    rels, seen = [], {}

    def add_rel(rtype, head_key, tail_key, pos, **props):
        if head_key not in ents or tail_key not in ents or head_key == tail_key:
            return
        sig = (rtype, head_key, tail_key)
        props.setdefault("confidence", a.priors.get(rtype, 1.0))
        if sig in seen:  # one project written two ways: the surer reading of the pair
            old = seen[sig]
            old["confidence"] = max(old["confidence"], props["confidence"])
            for k in ("amount_text", "amount_cny"):
                if k in props:
                    old.setdefault(k, props[k])
            return
        seen[sig] = {"type": rtype, "head": ents[head_key]["name"], "tail": ents[tail_key]["name"],
                     "head_key": head_key, "tail_key": tail_key, **props,
                     "evidence": sentence(pos) if pos is not None else "gazetteer", "date": date}
        rels.append(seen[sig])

    for r in a.relations:
        head = mention_key.get(id(r["head"]))
        if r["type"] == "LEADS":
            if "tail" in r:
                tail = mention_key.get(id(r["tail"]))
            else:
                imp = r["tail_implied"]
                if isinstance(imp, tuple):  # the article's own zone
                    _, zname, zidx = imp
                    tail = next((k for k, e in ents.items() if e["type"] == "Place" and e["name"] == zname), None)
                else:
                    tail = place_entity(imp)["key"]
                    if ents[tail]["mentions"] == 0:
                        continue  # only implied by the hierarchy: not written in the article
            add_rel("LEADS", head, tail, r["pos"], title=r["title"])
        elif r["type"] == "HOSTS":
            add_rel("HOSTS", head, mention_key.get(id(r["tail"])), r["pos"], **_conf(r))
        elif r["type"] == "INVESTS_IN":
            props = _conf(r)
            amt = r.get("amount")
            if amt:
                props["amount_text"] = amt["amount_text"]
                if amt.get("amount_cny") is not None:
                    props["amount_cny"] = amt["amount_cny"]
            add_rel("INVESTS_IN", head, mention_key.get(id(r["tail"])), r["pos"], **props)
    for child, parent in sorted(part_of):
        add_rel("PART_OF", child, parent, None, confidence=ents[child]["confidence"] if child in ents else 1.0)

    spans = [{"start": m.start, "end": m.end, "label": m.label, "key": mention_key.get(id(m))}
             for m in sorted(a.mentions, key=lambda m: m.start) if id(m) in mention_key]
    if len(text) == len(a.text) and text != a.text:
        _as_written(a, text, ents, rels, mention_key)
    for e in ents.values():
        e["aliases"].sort()
    return {"article": name, "key": key, "title": title, "date": date, "source": source, "text": text,
            "spans": spans, "entities": list(ents.values()), "relations": rels}


def _as_written(a, text: str, ents: dict, rels: list, mention_key: dict) -> None:
    """Names as the article writes them (…（集团）有限公司): the rules read a width-folded copy.
    A name written in Traditional characters keeps its Simplified form as the canonical name,
    so one company is one node whichever script an article uses; the written form is an alias."""
    written, traditional = {}, {}
    for m in a.mentions:
        w = text[m.start:m.end]
        if m.text != a.text[m.start:m.end] or w == m.text:
            continue
        if clean.fold_width(w) == m.text:
            written.setdefault(m.text, w)
        elif mention_key.get(id(m)) in ents:
            traditional.setdefault(mention_key[id(m)], set()).add(w)
    for k, forms in traditional.items():
        ents[k]["aliases"] = sorted(set(ents[k]["aliases"]) | forms)
    if not written:
        return
    for e in ents.values():
        e["name"] = written.get(e["name"], e["name"])
        e["aliases"] = sorted({written.get(x, x) for x in e["aliases"]} - {e["name"]})
    for r in rels:
        r["head"], r["tail"] = ents[r["head_key"]]["name"], ents[r["tail_key"]]["name"]


def _conf(r: dict) -> dict:
    return {"confidence": r["confidence"]} if "confidence" in r else {}


def _official_jurisdiction(g, a, m, home_pref) -> str:
    owner = m.extra.get("owner") or {}
    idx = None
    if "mention" in owner and owner["mention"].label == "Place":
        idx = owner["mention"].place
        if idx is not None and idx < 0:
            idx = owner["mention"].extra.get("parent", -1)
    elif isinstance(owner.get("implied"), int):
        idx = owner["implied"]
    if idx is not None and idx >= 0:
        pref = g.ancestor_at(idx, "prefecture")
        if pref >= 0:
            return g.divisions[pref].name
        return g.divisions[idx].name if g.divisions[idx].level == "province" else g.path(idx)[0]
    if home_pref is not None:
        return g.divisions[home_pref].name
    prov = a.home.get("province")
    return g.divisions[prov].name if prov is not None else ""


def contract_view(record: dict) -> dict:
    """What SCHEMA.md's "Extraction output" shows: mentioned entities, scored fields."""
    ents = []
    for e in record["entities"]:
        if e.get("mentions", 1) <= 0:
            continue
        out = {"type": e["type"], "name": e["name"]}
        if e.get("aliases"):
            out["aliases"] = e["aliases"]
        for k in ("level", "total_investment_cny", "total_investment_text", "confidence", "stages"):
            if k in e:
                out[k] = e[k]
        ents.append(out)
    rels = [{k: v for k, v in r.items() if k not in ("head_key", "tail_key")}
            for r in record["relations"] if r["type"] != "PART_OF"]
    return {"article": record["article"], "key": record["key"], "title": record["title"], "date": record["date"],
            "entities": ents, "relations": rels}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.extract", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="files or folders (.txt .html .md .jsonl)")
    ap.add_argument("--full", action="store_true", help="print the whole record (text, spans, keys, PART_OF)")
    ap.add_argument("--workers", type=int, default=1, help="processes to extract with")
    args = ap.parse_args(argv)
    skipped = 0
    out = sys.stdout
    for name, rec, err in iter_extract(args.paths, workers=args.workers):
        if err:
            skipped += 1
            print(f"skipped {err}", file=sys.stderr)
            continue
        view = rec if args.full else contract_view(rec)
        out.write(json.dumps(view, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
