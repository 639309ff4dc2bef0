"""Search by pinyin: 宋乐伟 is found by "songlewei", "lewei" or "slw".

Names are indexed once per state of the graph (the counts change with every load).
Each character takes its most common reading (pypinyin): a heteronym read another
way in a name (乐 as yue) is not found by that reading."""
from __future__ import annotations

import json
import re

import streamlit as st

from app_pages.widgets import entity_labels, get_store, read, store_id

def forms(name: str) -> tuple[str, list[int], str]:
    """(full pinyin, where each syllable starts in it, initials) of a name."""
    from pypinyin import Style, lazy_pinyin
    syllables = [s.lower() for s in lazy_pinyin(name)]
    starts, at = [], 0
    for s in syllables:
        starts.append(at)
        at += len(s)
    initials = "".join(s.lower()[:1] for s in lazy_pinyin(name, style=Style.FIRST_LETTER))
    return "".join(syllables), starts, initials


@st.cache_data(show_spinner="Indexing names by pinyin…", max_entries=8)
def _index(sid: str, stamp: str) -> list[tuple[str, list[int], str, dict]]:
    out = []
    for n in get_store().iter_nodes(labels=entity_labels()):
        full, starts, initials = forms(n.get("name") or "")
        out.append((full, starts, initials, {k: v for k, v in n.items() if k not in ("text", "evidence")}))
    return out


def search(text: str, labels: list[str] | None = None, limit: int = 50) -> list[dict]:
    """Entities whose name's pinyin starts, at a syllable, with text (or whose initials do)."""
    q = re.sub(r"[\s']", "", text).lower()
    if not q:
        return []
    stamp = json.dumps(read("counts"), sort_keys=True)
    ranked = []
    for full, starts, initials, node in _index(store_id(), stamp):
        if labels and node.get("label") not in labels:
            continue
        if full == q:
            rank = 0
        elif full.startswith(q):
            rank = 1
        elif initials.startswith(q):
            rank = 2
        elif any(full.startswith(q, s) for s in starts[1:]):
            rank = 3
        else:
            continue
        ranked.append((rank, len(full), node.get("name") or "", node))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:limit]]
