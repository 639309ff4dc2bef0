"""Extraction records → node/edge rows, and the merge rules both stores share.

A store loads a batch inside one transaction:
  1. `prepare(records)` validates and folds the batch into per-key rows;
  2. the store fetches the rows already stored for those keys;
  3. `plan(batch, existing_nodes, existing_rels)` merges them (rules below) into
     rows to create and rows to update;
  4. the store writes the plan, Article nodes and MENTIONS last.
Articles whose Article node exists are skipped, so a reload adds nothing.

Merge rules (order-independent; see docs/CONTRACTS.md):
- node: aliases = sorted union of every surface form but the name; name = the
  longest name seen (ties: smallest); mention_count = sum of MENTIONS counts;
  first_seen/last_seen = min/max article date; level = smallest non-null;
  total investment = the largest stated amount (with its text); a project's
  stage events: one entry per article and (stage, date), re-merging an article
  replaces its entries (graph/stages.py).
- relationship: articles/evidence/dates (and LEADS' titles) hold one entry per
  article, sorted by article key (re-merging an article replaces its entry);
  title/amount come from the lowest article key that gives any, recorded in
  value_article.
- both: confidence = the largest any article gave (none: `confidence.absent`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from graph import confidence, schema, stages
from graph.loading_validation import CONF, VALUE_FIELDS, _label, _rules, validate_record
from graph.loading_validation import RecordError  # noqa: F401 - re-exported: ingest and tests import it from here


# -- one batch, folded per key ----------------------------------------------------
@dataclass
class Batch:
    articles: list[dict] = field(default_factory=list)       # Article node rows
    nodes: dict[str, dict] = field(default_factory=dict)      # key -> merged node row (this batch)
    rels: dict[tuple, dict] = field(default_factory=dict)     # (type, src, dst) -> merged rel row
    mentions: list[dict] = field(default_factory=list)        # {"source", "target", "count"}

    def node_keys(self, label: str) -> list[str]:
        return [k for k, n in self.nodes.items() if n["label"] == label]


def _s(v) -> str | None:
    return v if v.__class__ is str and v.strip() else None


def article_row(rec: dict) -> dict:
    return {"label": "Article", "key": rec["key"],
            "name": _s(rec.get("title")) or rec.get("article") or rec["key"],
            "date": _s(rec.get("date")), "source": rec.get("source"), "text": rec.get("text"),
            "publisher": _s(rec.get("publisher")), "url": _s(rec.get("url"))}


def prepare(records: list[dict], validate: bool = True, identity=None) -> tuple[Batch, list[str]]:
    """Fold records into one row per node and per relationship (the merge rules
    below, applied inside the batch); returns the batch and its article keys
    (a record repeated inside the batch counts once). identity (graph/identity.py):
    its automatic rules see the batch first, then every key goes to its surviving node."""
    if identity is not None:
        if validate:
            for rec in records:
                validate_record(rec)
            validate = False
        identity.observe(records)
    ent_of = identity.entity if identity is not None else None
    rel_of = identity.relation if identity is not None else None
    rules = _rules()
    node_extra, rel_values, absent = rules.node_extra, rules.values, rules.absent
    batch = Batch()
    seen: set[str] = set()
    acc: dict[str, list] = {}   # key -> [label, names, aliases, count, first, last, extras, confidence]
    racc: dict[tuple, list] = {}  # (type, src, dst) -> [{article: (ev, date, title)}, value_article, values, confidence]
    sacc: dict[str, dict] = {}  # project key -> {article: [(stage, date, evidence)]}
    mentions = batch.mentions
    for rec in records:
        if validate:
            validate_record(rec)
        akey = rec["key"]
        if akey in seen:
            continue
        seen.add(akey)
        date = _s(rec.get("date"))
        batch.articles.append(article_row(rec))
        counts: dict[str, int] = {}
        for ent in rec.get("entities") or ():
            if ent_of is not None:
                ent = ent_of(ent)
            key, label = ent["key"], ent["type"]
            n = ent.get("mentions")
            n = 1 if n is None else int(n)  # 0: implied by the hierarchy, not written in the article
            if n:
                counts[key] = counts.get(key, 0) + n
            ex = node_extra[label]
            extras = tuple(tuple(v) if v.__class__ is list else v for v in map(ent.get, ex)) if ex else ()
            aliases = ent.get("aliases") or ()
            conf = absent if (c := ent.get(CONF)) is None else float(c)
            if ent.get("stages"):
                sacc.setdefault(key, {}).setdefault(akey, []).extend(stages.article_events(ent["stages"], date))
            a = acc.get(key)
            if a is None:
                acc[key] = [label, {ent["name"]}, set(aliases), n, date, date, {extras}, conf]
                continue
            if conf > a[7]:
                a[7] = conf
            a[1].add(ent["name"])
            if aliases:
                a[2].update(aliases)
            a[3] += n
            if date is not None:
                if a[4] is None or date < a[4]:
                    a[4] = date
                if a[5] is None or date > a[5]:
                    a[5] = date
            a[6].add(extras)
        mentions += [{"source": akey, "target": t, "count": n} for t, n in counts.items()]
        for rel in rec.get("relations") or ():
            if rel_of is not None and (rel := rel_of(rel)) is None:
                continue
            rtype = rel["type"]
            k = (rtype, rel["head_key"], rel["tail_key"])
            conf = absent if (c := rel.get(CONF)) is None else float(c)
            r = racc.get(k)
            if r is None:
                r = racc[k] = [{}, None, None, conf]
            elif conf > r[3]:  # the same relation twice in one article or in several: the largest
                r[3] = conf
            if akey not in r[0]:  # the same relation twice in one article: the first evidence
                r[0][akey] = (rel.get("evidence") or "", _s(rel.get("date")) or date or "", _s(rel.get("title")) or "")
            if r[1] is None or akey < r[1]:
                vals = tuple(map(rel.get, rel_values[rtype]))
                if vals.count(None) < len(vals):
                    r[1], r[2] = akey, vals
    nodes = batch.nodes
    node_conf, rel_conf = rules.node_conf, rules.rel_conf
    for key, (label, names, aliases, n, first, last, extras, conf) in acc.items():
        name = min(names, key=_name_rank) if len(names) > 1 else next(iter(names))
        forms = aliases | names
        forms.discard(name)
        if any(f.__class__ is not str or not f.strip() for f in forms):
            forms = {f for f in forms if f.__class__ is str and f.strip()}
        row = {"label": label, "key": key, "name": name, "aliases": sorted(forms),
               "first_seen": first, "last_seen": last, "mention_count": n}
        if node_conf[label]:
            row[CONF] = conf
        ex = node_extra[label]
        if ex:
            row.update(_pick_extras([dict(zip(ex, e)) for e in extras]))
        if rules.node_stages[label]:
            row.update(stages.props(sacc.get(key, {})))
        nodes[key] = row
    rels = batch.rels
    for k, (entries, value_article, vals, conf) in racc.items():
        arts = sorted(entries)
        row = {"type": k[0], "source": k[1], "target": k[2], "articles": arts,
               "evidence": [entries[x][0] for x in arts], "dates": [entries[x][1] for x in arts],
               "value_article": value_article}
        if rel_conf[k[0]]:
            row[CONF] = conf
        if _keeps_titles(k[0]):
            row[TITLES] = [entries[x][2] for x in arts]
        fields = rel_values[k[0]]
        if vals is None:
            row.update(dict.fromkeys(fields))
        else:
            row.update(zip(fields, vals))
        if row.get("amount_cny") is not None:
            row["amount_cny"] = float(row["amount_cny"])
        rels[k] = row
    return batch, sorted(seen)


def _pick_extras(extras: list[dict]) -> dict:
    """Label-specific node properties from several rows, by merge_node's rules."""
    extras = sorted(extras, key=repr)  # a fixed order, whatever the input order
    out = extras[0]
    for other in extras[1:]:
        out = _merge_extras(out, other)
    if out.get("total_investment_cny") is not None:
        out["total_investment_cny"] = float(out["total_investment_cny"])
    if out.get("merged_from") is not None:
        out["merged_from"] = sorted(set(out["merged_from"]))
    return out


def _merge_extras(a: dict, b: dict) -> dict:
    out = dict(a)
    if "level" in a or "level" in b:
        out["level"] = _min(a.get("level"), b.get("level"))
    if "total_investment_cny" in a or "total_investment_cny" in b:
        pick = max((a, b), key=lambda r: (r.get("total_investment_cny") is not None,
                                          r.get("total_investment_cny") or 0,
                                          r.get("total_investment_text") is not None,
                                          r.get("total_investment_text") or ""))
        out["total_investment_cny"] = pick.get("total_investment_cny")
        out["total_investment_text"] = pick.get("total_investment_text")
    for p, v in b.items():  # any other label property: the smallest non-null value
        if p == "merged_from":  # every key merged in, with why
            out[p] = sorted(set(a.get(p) or ()) | set(v or ())) or None
        elif p not in ("level", "total_investment_cny", "total_investment_text"):
            out[p] = _min(a.get(p), v)
    return out


def drop_articles(batch_records: list[dict], done: set[str]) -> list[dict]:
    """The records whose Article is not stored yet."""
    return [r for r in batch_records if r.get("key") not in done]


def without_done(records: list[dict], folded: tuple[Batch, list[str]], done: set[str],
                 identity=None) -> tuple[Batch, list[str]]:
    """The fold of records (prepare's result) without the articles already stored."""
    if not done:
        return folded
    return prepare(drop_articles(records, done), validate=False, identity=identity)


# -- merge rules ------------------------------------------------------------------
def _name_rank(name: str) -> tuple:
    return (-len(name), name)


def merge_node(a: dict, b: dict) -> dict:
    """Merge two rows of the same node (commutative and associative)."""
    names = {a["name"], b["name"]}
    name = min(names, key=_name_rank)
    out = dict(a)
    out["name"] = name
    out["aliases"] = sorted((set(a.get("aliases") or []) | set(b.get("aliases") or []) | names) - {name})
    out["mention_count"] = int(a.get("mention_count") or 0) + int(b.get("mention_count") or 0)
    out["first_seen"] = _min(a.get("first_seen"), b.get("first_seen"))
    out["last_seen"] = _max(a.get("last_seen"), b.get("last_seen"))
    if _rules().node_conf[a["label"]]:
        out[CONF] = max(confidence.value(a), confidence.value(b))  # a stored row without one: absent
    if _rules().node_stages[a["label"]]:
        out.update(stages.merge(a, b))
    extra = _rules().node_extra[a["label"]]
    if extra:
        out.update(_merge_extras({p: a.get(p) for p in extra}, {p: b.get(p) for p in extra}))
    return out


def merge_rel(a: dict, b: dict) -> dict:
    """Merge two rows of the same relationship; an article present in both keeps b's entry."""
    entries = {e[0]: e for e in _entries(a)}
    entries.update({e[0]: e for e in _entries(b)})
    ordered = [entries[k] for k in sorted(entries)]
    out = dict(a)
    out["articles"] = [e[0] for e in ordered]
    out["evidence"] = [e[1] for e in ordered]
    out["dates"] = [e[2] for e in ordered]
    if TITLES in a or TITLES in b:
        out[TITLES] = [e[3] for e in ordered]
    va, vb = a.get("value_article"), b.get("value_article")
    winner = a if vb is None or (va is not None and va < vb) else b
    if va == vb:
        winner = b  # the same article re-merged: its newer row wins
    for p in VALUE_FIELDS:
        if p in a or p in b:
            out[p] = winner.get(p)
    out["value_article"] = winner.get("value_article")
    if CONF in a or CONF in b:
        out[CONF] = max(confidence.value(a), confidence.value(b))
    return out


TITLES = "titles"


@lru_cache(maxsize=None)
def _keeps_titles(rel_type: str) -> bool:
    return TITLES in schema.rel_props(rel_type)


def _entries(row: dict) -> list[tuple]:
    """(article, evidence, date, title) per supporting article. A row stored before
    titles existed gives its one title to the article it came from (value_article)."""
    titles = row.get(TITLES)
    if titles is None:
        titles = [(row.get("title") or "") if art == row.get("value_article") else "" for art in row["articles"]]
    return list(zip(row["articles"], row["evidence"], row["dates"], [*titles, *[""] * len(row["articles"])]))


def _min(x, y):
    if x is None:
        return y
    return x if y is None or x <= y else y


def _max(x, y):
    if x is None:
        return y
    return x if y is None or x >= y else y


# -- plan -------------------------------------------------------------------------
@dataclass
class Plan:
    create_nodes: dict[str, list[dict]] = field(default_factory=dict)   # label -> rows
    update_nodes: dict[str, list[dict]] = field(default_factory=dict)
    create_rels: dict[tuple, list[dict]] = field(default_factory=dict)  # (type, from, to) -> rows
    update_rels: dict[tuple, list[dict]] = field(default_factory=dict)
    articles: list[dict] = field(default_factory=list)
    mentions: dict[tuple, list[dict]] = field(default_factory=dict)     # ("MENTIONS", "Article", label) -> rows

    def counts(self) -> tuple[int, int, int, int]:
        """(nodes created, nodes updated, rels created, rels updated)."""
        n = lambda d: sum(len(v) for v in d.values())  # noqa: E731
        return (n(self.create_nodes) + len(self.articles), n(self.update_nodes),
                n(self.create_rels) + n(self.mentions), n(self.update_rels))


def node_props_of(row: dict) -> dict:
    """The stored properties of a node row (schema order, label dropped)."""
    return {p: row.get(p) for p in _rules().node_props[row["label"]]}


def rel_props_of(row: dict) -> dict:
    """The stored properties of a relationship row, its weight counted from its articles."""
    out = {p: row.get(p) for p in _rules().rel_props[row["type"]]}
    if schema.WEIGHT in out:
        out[schema.WEIGHT] = len(row["articles"])
    return out


def plan(batch: Batch, existing_nodes: dict[str, dict], existing_rels: dict[tuple, dict]) -> Plan:
    """Merge the batch into what the store holds.

    existing_nodes: key -> stored node row (with "label"); existing_rels:
    (type, src, dst) -> stored rel row (with "type", "source", "target")."""
    p = Plan()
    label_of = {k: n["label"] for k, n in batch.nodes.items()}  # every end of the batch's rels
    for key, row in batch.nodes.items():
        old = existing_nodes.get(key)
        if old is None:
            p.create_nodes.setdefault(row["label"], []).append(node_props_of(row))
            continue
        merged = node_props_of(merge_node({**old, "label": row["label"]}, row))
        if merged != node_props_of({**old, "label": row["label"]}):
            p.update_nodes.setdefault(row["label"], []).append(merged)
    for k, row in batch.rels.items():
        pair = (row["type"], label_of[row["source"]], label_of[row["target"]])
        old = existing_rels.get(k)
        if old is None:
            p.create_rels.setdefault(pair, []).append(
                {"source": row["source"], "target": row["target"], **rel_props_of(row)})
            continue
        merged = rel_props_of(merge_rel({**old, "type": row["type"]}, row))
        if merged != rel_props_of({**old, "type": row["type"]}):
            update = {"source": row["source"], "target": row["target"], **merged}
            if "_id" in old:  # the store's own id of the stored relationship, when it gave one
                update["_id"] = old["_id"]
            p.update_rels.setdefault(pair, []).append(update)
    p.articles = [node_props_of(a) for a in batch.articles]
    for m in batch.mentions:
        pair = ("MENTIONS", "Article", label_of[m["target"]])
        p.mentions.setdefault(pair, []).append(m)
    return p


def rel_candidates(batch: Batch, existing_nodes: dict[str, dict]) -> dict[tuple, list[tuple[str, str]]]:
    """Relationships that may already be stored: both ends existed before this
    batch. Grouped by (type, from label, to label)."""
    out: dict[tuple, list[tuple[str, str]]] = {}
    for (rtype, src, dst) in batch.rels:
        if src in existing_nodes and dst in existing_nodes:
            pair = (rtype, _label(src), _label(dst))
            out.setdefault(pair, []).append((src, dst))
    return out


def keys_by_label(keys: Iterable[str]) -> dict[str, list[str]]:
    """Global keys grouped by the label their prefix names (unknown prefixes dropped)."""
    out: dict[str, list[str]] = {}
    for k in set(keys):
        try:
            out.setdefault(schema.label_of_key(k), []).append(k)
        except ValueError:
            continue
    return out


def chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]
