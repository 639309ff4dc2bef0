"""Dynamic GEXF 1.3: the GEXF export with time, so Gephi's timeline plays the graph.

`mode="dynamic"`, `timeformat="date"`: an entity lives from first_seen to
last_seen, an article on its date; a relationship has one spell per date it
was reported on (its `dates`; a MENTIONS edge its article's date). Items
without a date are always present.
"""
from __future__ import annotations

import re

from graph.export.gexf import GEXFExporter

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # what GEXF's xsd:date accepts


def _date(value) -> str | None:
    return value if isinstance(value, str) and _DATE.fullmatch(value) else None


class DynamicGEXFExporter(GEXFExporter):
    name = "gexf-dynamic"
    description = "dynamic GEXF 1.3 (Gephi's timeline: first/last seen, dated edges)"
    dynamic = True

    def begin(self):
        super().begin()
        self._article_dates: dict[str, str] = {}  # MENTIONS edges take their article's date

    def node_time(self, node, label):
        if label == "Article":
            start = end = _date(node.get("date"))
            if start:
                self._article_dates[node["key"]] = start
        else:
            start, end = _date(node.get("first_seen")), _date(node.get("last_seen"))
        if not start or not end or end < start:
            return ""
        return f' start="{start}" end="{end}"'

    def edge_spells(self, edge):
        if edge["type"] == "MENTIONS":
            dates = [self._article_dates.get(edge["source"])]
        else:
            dates = edge.get("dates") or []
        days = sorted({d for d in map(_date, dates) if d})
        if not days:
            return ""
        return "<spells>" + "".join(f'<spell start="{d}" end="{d}"/>' for d in days) + "</spells>"
