"""An in-memory adjacency of a store (CSR arrays in numpy) for traversals.

LadybugDB answers a hub's neighbourhood with a scan, sum and sort per query
(36-60 ms for a 13 k-edge hub at 1 M relationships; Neo4j 40-60 ms); the same
ranking over arrays takes a millisecond or two. The store stays the source of
truth: the arrays hold only the skeleton (ends, type, weight = supporting
articles, confidence, dates) and node keys, names and counts; properties are
read from the store for what a traversal keeps. Built on first use from a
source (LadybugSource below; graph/neo4j_adjacency.py), dropped after loads.
"""
from __future__ import annotations

import re
import numpy as np

from graph import confidence, schema
from graph.traverse import Filters

NO_DATE = -1
DATE_PATTERN = r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2}))?(?:-(?P<d>\d{1,2}))?"
_DATE = re.compile(DATE_PATTERN)


def date_int(text: str | None, high: bool = False) -> int:
    """"2011-03-05" -> 20110305; missing month/day are 0 (or 99 with high: an upper bound
    by prefix, as a string comparison of the prefix does); unreadable -> NO_DATE."""
    m = _DATE.match(text or "")
    if not m:
        return NO_DATE
    y, mo, d = m.group(1), m.group(2), m.group(3)
    fill = 99 if high else 0
    return int(y) * 10000 + (int(mo) if mo else fill) * 100 + (int(d) if d else fill)


def date_ints(arr) -> np.ndarray:
    """date_int of every string of a pyarrow array (nulls and unreadable ones: NO_DATE)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    if len(arr) == 0:
        return np.zeros(0, np.int32)
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.string())
    parts = pc.extract_regex(arr, DATE_PATTERN)
    out = np.zeros(len(arr), np.int64)
    for name, scale in (("y", 10000), ("m", 100), ("d", 1)):
        col = pc.struct_field(parts, name)
        col = pc.if_else(pc.equal(col, ""), "0", col)
        out += pc.fill_null(pc.cast(col, pa.int64()), 0).to_numpy(zero_copy_only=False) * scale
    valid = pc.fill_null(pc.is_valid(parts), False).to_numpy(zero_copy_only=False)
    return np.where(valid, out, NO_DATE).astype(np.int32)


def _floats(col, default: float) -> np.ndarray:
    """A numeric pyarrow column as float64 numbers (confidences compare as the stored doubles
    do in Cypher: float32 moved values at a threshold), nulls as default."""
    import pyarrow as pa
    import pyarrow.compute as pc
    if col.null_count == len(col):
        return np.full(len(col), default, np.float64)
    return pc.fill_null(pc.cast(col, pa.float64()), default).to_numpy(zero_copy_only=False).astype(np.float64)


def _ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenated aranges [starts[i], starts[i] + lens[i])."""
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offs = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return offs + np.arange(total)


class LadybugSource:
    """The skeleton's columns from a LadybugDB file. rows(cypher) -> a pyarrow Table;
    columns(table) -> its stored columns (a file made before a property was declared
    lacks its column). Node rows are identified by their offset in the label's table."""

    def __init__(self, rows, columns):
        self._rows = rows
        known: dict[str, set] = {}  # one table_info query per table, not per property
        self._has = lambda table, prop: prop in (known.get(table) or known.setdefault(table, set(columns(table))))

    def nodes(self, label: str):
        """o (the row), k, nm, al, c, mc, d of every node of label."""
        props = [p for p in schema.node_props(label) if self._has(label, p)]
        cols = ["offset(id(n)) AS o", "n.key AS k",
                "n.name AS nm", "n.aliases AS al" if "aliases" in props else "NULL AS al",
                f"n.{confidence.PROP} AS c" if confidence.PROP in props else "NULL AS c",
                "n.mention_count AS mc" if "mention_count" in props else "0 AS mc",
                "n.date AS d" if "date" in props else "NULL AS d"]
        return self._rows(f"MATCH (n:{label}) RETURN {', '.join(cols)}")

    def edges(self, rtype: str, fl: str, tl: str):
        """s, t (the rows of the ends), w (the weight), c, d (the dates list; not a list:
        the article's date) of every rtype edge from fl to tl."""
        props = [p for p in schema.rel_props(rtype) if self._has(rtype, p)]
        weight = "size(r.articles)" if "articles" in props else "r.count"
        c = f"r.{confidence.PROP}" if confidence.PROP in props else "NULL"
        d = "r.dates" if "dates" in props else "NULL"
        return self._rows(f"MATCH (a:{fl})-[r:{rtype}]->(b:{tl}) RETURN offset(id(a)) AS s, offset(id(b)) AS t, "
                          f"{weight} AS w, {c} AS c, {d} AS d")


class Adjacency:
    """Node ids are dense ints (label base + the source's row); edge ids index the edge arrays."""

    def __init__(self, source):
        """source: where the skeleton comes from (LadybugSource, graph/neo4j_adjacency.py's
        Neo4jSource): nodes(label) and edges(type, from label, to label) as pyarrow Tables."""
        self.labels = schema.node_labels()
        self.types = schema.rel_types()
        self._load_nodes(source)
        self._load_edges(source)
        self._index()
        self._masks: dict = {}

    # -- building ------------------------------------------------------------------
    def _load_nodes(self, source) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc
        absent = schema.confidence_absent()
        parts, base = [], 0
        self.base: dict[str, int] = {}
        for code, label in enumerate(self.labels):
            t = source.nodes(label)
            o = t.column("o").to_numpy().astype(np.int64) if t.num_rows else np.zeros(0, np.int64)
            self.base[label] = base
            parts.append((code, base, o, t))
            base += int(o.max()) + 1 if len(o) else 0
        n = self.n = base
        self.keys = np.full(n, None, object)
        self.label = np.full(n, -1, np.int8)
        self.conf = np.full(n, absent, np.float64)
        self.mentions = np.zeros(n, np.int64)
        self.date = np.full(n, NO_DATE, np.int32)
        forms = np.full(n, "", object)
        for code, b, o, t in parts:
            if not len(o):
                continue
            ids = o + b
            self.keys[ids] = t.column("k").to_pylist()
            self.label[ids] = code
            self.conf[ids] = _floats(t.column("c"), absent)
            self.mentions[ids] = _floats(t.column("mc"), 0)
            self.date[ids] = date_ints(t.column("d"))
            nm = pc.replace_substring(pc.fill_null(t.column("nm").cast(pa.string()), ""), "\n", " ")
            al = t.column("al")
            if pa.types.is_list(al.type):
                al = pc.replace_substring(pc.binary_join(pc.fill_null(al, pa.scalar([], al.type)), "\t"), "\n", " ")
                nm = pc.binary_join_element_wise(nm, al, "\t")
                nm = pc.utf8_rtrim(nm, "\t")
            forms[ids] = nm.to_pylist()
        self.label_count = {l: int((self.label == c).sum()) for c, l in enumerate(self.labels)}
        self.id_of = {k: i for i, k in enumerate(self.keys.tolist()) if k is not None}
        order = pc.sort_indices(pa.array([k or "" for k in self.keys.tolist()], pa.string())).to_numpy()
        self.key_rank = np.empty(n, np.int64)
        self.key_rank[order] = np.arange(n)
        # One line per node (name, then aliases, tab-separated): search is a regex over it.
        lens = np.fromiter(map(len, forms), np.int64, n)
        self.line_start = np.concatenate(([0], np.cumsum(lens + 1)[:-1])).astype(np.int64)
        self.blob = "\n".join(forms.tolist()) + "\n"
        self.name_len = np.fromiter((len(f.split("\t", 1)[0]) for f in forms), np.int64, n)
        chars = np.frombuffer(self.blob.encode("utf-32-le"), np.uint32)
        self.sep = (chars == 9) | (chars == 10)  # where a form ends

    def _load_edges(self, source) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc
        absent = schema.confidence_absent()
        src, dst, typ, w, conf, dlen, dval, ref = [], [], [], [], [], [], [], []
        for code, rtype in enumerate(self.types):
            for fl, tl in schema.rel_pairs(rtype):
                t = source.edges(rtype, fl, tl)
                if not t.num_rows:
                    continue
                s = t.column("s").to_numpy().astype(np.int64) + self.base[fl]
                src.append(s)
                dst.append(t.column("t").to_numpy().astype(np.int64) + self.base[tl])
                typ.append(np.full(len(s), code, np.int8))
                w.append(_floats(t.column("w"), 0).astype(np.int64))
                conf.append(_floats(t.column("c"), absent))
                if "r" in t.column_names:
                    ref.append(t.column("r").to_numpy().astype(np.int64))
                ds = t.column("d").combine_chunks()
                if pa.types.is_list(ds.type):
                    dlen.append(pc.fill_null(pc.list_value_length(ds), 0).to_numpy().astype(np.int64))
                    dval.append(date_ints(pc.list_flatten(ds)))
                else:  # MENTIONS: the article's date
                    dlen.append(np.ones(len(s), np.int64))
                    dval.append(self.date[s])
        cat = lambda xs, dt: np.concatenate(xs).astype(dt) if xs else np.zeros(0, dt)  # noqa: E731
        self.src, self.dst = cat(src, np.int64), cat(dst, np.int64)
        self.etype, self.weight, self.econf = cat(typ, np.int8), cat(w, np.int64), cat(conf, np.float64)
        self.dptr = np.concatenate(([0], np.cumsum(cat(dlen, np.int64)))).astype(np.int64)
        self.dval = cat(dval, np.int32)
        # The source's id of each edge (Neo4j's relationship id), if it gives one.
        self.ref = cat(ref, np.int64) if len(ref) == len(src) and ref else None

    def _index(self) -> None:
        e = len(self.src)
        ends = np.concatenate((self.src, self.dst))
        order = np.argsort(ends, kind="stable")
        self.nbr = np.concatenate((self.dst, self.src))[order]
        self.heid = np.concatenate((np.arange(e), np.arange(e)))[order]
        self.indptr = np.concatenate(([0], np.cumsum(np.bincount(ends, minlength=self.n)))).astype(np.int64)

    # -- filters ------------------------------------------------------------------------
    def ids(self, keys) -> np.ndarray:
        return np.asarray([self.id_of[k] for k in keys if k in self.id_of], np.int64)

    def offset(self, key: str) -> int:
        """The node's offset in its label's table."""
        i = self.id_of[key]
        return i - self.base[self.labels[self.label[i]]]

    def degree(self, keys) -> int:
        """Edges touching keys, in all."""
        ids = self.ids(keys)
        return int((self.indptr[ids + 1] - self.indptr[ids]).sum())

    def _edge_mask(self, f: Filters) -> np.ndarray | None:
        """Edges of the allowed types reaching the minimum confidence (None: all); cached."""
        key = (f.types, f.min_confidence)
        if key not in self._masks:
            m = None
            if f.types is not None:
                m = np.isin(self.etype, [self.types.index(t) for t in f.types])
            if f.min_confidence > 0:
                c = self.econf >= f.min_confidence
                m = c if m is None else m & c
            if len(self._masks) > 16:
                self._masks.clear()
            self._masks[key] = m
        return self._masks[key]

    def _dates_ok(self, eids: np.ndarray, f: Filters) -> np.ndarray:
        lo = date_int(f.date_from) if f.date_from else 0
        hi = date_int(f.date_to, high=True) if f.date_to else 99999999
        starts, lens = self.dptr[eids], self.dptr[eids + 1] - self.dptr[eids]
        d = self.dval[_ranges(starts, lens)]
        hit = (d != NO_DATE) & (d >= lo) & (d <= hi)
        owner = np.repeat(np.arange(len(eids)), lens)
        return np.bincount(owner, weights=hit, minlength=len(eids)) > 0

    def _steps(self, frontier: np.ndarray, f: Filters, far_labels: bool = True):
        """(from, neighbour, edge) of every allowed step out of frontier."""
        starts, lens = self.indptr[frontier], self.indptr[frontier + 1] - self.indptr[frontier]
        idx = _ranges(starts, lens)
        frm, nb, e = np.repeat(frontier, lens), self.nbr[idx], self.heid[idx]
        keep = self._edge_mask(f)
        m = keep[e] if keep is not None else np.ones(len(e), bool)
        if f.min_confidence > 0:
            m &= self.conf[nb] >= f.min_confidence
        if far_labels and f.labels is not None:
            m &= np.isin(self.label[nb], [self.labels.index(l) for l in f.labels])
        if (f.date_from or f.date_to) and m.any():
            sel = np.flatnonzero(m)
            m[sel] = self._dates_ok(e[sel], f)
        return frm[m], nb[m], e[m]

    # -- traversals ------------------------------------------------------------------------
    def expand(self, frontier: list[str], seen: set[str], budget: int, f: Filters) -> tuple[list[str], int]:
        """The budget best new neighbours of frontier (most supporting articles over the
        edges reaching them, then key) and how many new neighbours there are in all."""
        _, nb, e = self._steps(self.ids(frontier), f)
        if len(nb) and seen:
            nb_new = ~np.isin(nb, self.ids(seen))
            nb, e = nb[nb_new], e[nb_new]
        if not len(nb):
            return [], 0
        uniq, inv = np.unique(nb, return_inverse=True)
        score = np.bincount(inv, weights=self.weight[e])
        top = np.lexsort((self.key_rank[uniq], -score))[:max(0, budget)]
        return self.keys[uniq[top]].tolist(), len(uniq)

    def edges_among(self, expanded: list[str], keys: list[str], f: Filters) -> list[tuple[str, str, str]]:
        """(type, source, target) of every allowed edge from an expanded node to one of keys."""
        return self.triples(self.edge_ids_among(expanded, keys, f))

    def edge_ids_among(self, expanded: list[str], keys: list[str], f: Filters) -> np.ndarray:
        """The edge ids of edges_among, sorted."""
        inside = np.zeros(self.n, bool)
        inside[self.ids(keys)] = True
        _, nb, e = self._steps(self.ids(expanded), f, far_labels=False)
        return np.unique(e[inside[nb]])

    def edges_of(self, keys: list[str], direction: str, f: Filters) -> list[tuple[str, str, str]]:
        """(type, source, target) of the allowed edges leaving ("out"), entering ("in") or
        touching ("both") keys."""
        return self.triples(self.edge_ids_of(keys, direction, f))

    def edge_ids_of(self, keys: list[str], direction: str, f: Filters) -> np.ndarray:
        """The edge ids of edges_of, sorted."""
        frm, _, e = self._steps(self.ids(keys), f, far_labels=False)
        if direction != "both":
            e = e[(self.src[e] == frm) == (direction == "out")]
        return np.unique(e)

    def triples(self, eids) -> list[tuple[str, str, str]]:
        """(type, source, target) of each edge id."""
        types = [self.types[t] for t in self.etype[eids].tolist()]
        return list(zip(types, self.keys[self.src[eids]].tolist(), self.keys[self.dst[eids]].tolist()))

    def path(self, source: str, target: str, hops: int, f: Filters, ids: bool = False):
        """The edges of one shortest path (in order from source) as triples, or their edge ids
        (ids), None when there is none within hops; bidirectional breadth-first, the smaller
        side expanded each round."""
        s, t = self.id_of.get(source), self.id_of.get(target)
        if s is None or t is None or s == t:
            return None
        if f.min_confidence > 0 and (self.conf[s] < f.min_confidence or self.conf[t] < f.min_confidence):
            return None
        side = [{"vis": np.zeros(self.n, bool), "par": np.full(self.n, -1, np.int64),
                 "edge": np.full(self.n, -1, np.int64), "front": np.array([x], np.int64), "depth": 0}
                for x in (s, t)]
        side[0]["vis"][s] = side[1]["vis"][t] = True
        while len(side[0]["front"]) and len(side[1]["front"]) and side[0]["depth"] + side[1]["depth"] < hops:
            degs = [int((self.indptr[x["front"] + 1] - self.indptr[x["front"]]).sum()) for x in side]
            i = 0 if degs[0] <= degs[1] else 1
            me, other = side[i], side[1 - i]
            frm, nb, e = self._steps(me["front"], f, far_labels=False)
            new = ~me["vis"][nb]
            frm, nb, e = frm[new], nb[new], e[new]
            uniq, first = np.unique(nb, return_index=True)
            me["vis"][uniq] = True
            me["par"][uniq], me["edge"][uniq] = frm[first], e[first]
            me["front"], me["depth"] = uniq, me["depth"] + 1
            meet = uniq[other["vis"][uniq]]
            if len(meet):
                eids = self._join(side, int(meet[np.argmin(self.key_rank[meet])]))
                return eids if ids else self.triples(eids)
        return None

    def _join(self, side, mid: int) -> np.ndarray:
        def walk(x, s):
            out = []
            while s["par"][x] >= 0:
                out.append(int(s["edge"][x]))
                x = int(s["par"][x])
            return out
        return np.asarray(walk(mid, side[0])[::-1] + walk(mid, side[1]), np.int64)

    def search(self, text: str, labels: list[str], limit: int) -> list[str]:
        """Keys of nodes whose name or an alias contains text, ranked as store.rank_hits
        ranks (exact, prefix, inside; then mentions, name length, key)."""
        if "\t" in text or "\n" in text:
            return []
        pos = np.fromiter((m.start() for m in re.finditer(re.escape(text), self.blob)), np.int64)
        if not len(pos):
            return []
        # An occurrence starting a form (after a tab or a line start) is a prefix; one
        # also ending it (before a tab or the line end) is the whole form.
        sep = self.sep
        starts = (pos == 0) | sep[np.maximum(pos - 1, 0)]
        ends = sep[np.minimum(pos + len(text), len(sep) - 1)]
        line = np.searchsorted(self.line_start, pos, side="right") - 1
        cls = np.where(starts & ends, 0, np.where(starts, 1, 2))
        order = np.lexsort((cls, line))  # per line, its best occurrence first
        line, cls = line[order], cls[order]
        first = np.concatenate(([True], line[1:] != line[:-1]))
        hits, cls = line[first], cls[first]
        keep = np.isin(self.label[hits], [self.labels.index(l) for l in labels])
        hits, cls = hits[keep], cls[keep]
        order = np.lexsort((self.key_rank[hits], self.name_len[hits], -self.mentions[hits], cls))[:limit]
        return self.keys[hits[order]].tolist()
