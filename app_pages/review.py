"""Review duplicates: merge two nodes, keep them apart, or link a subsidiary to its parent;
every decision is listed and can be undone (graph/identity.py). The graph is then rebuilt
from the article log with the decisions applied."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.i18n import t
from app_pages.rebuild import article_log, rebuild
from app_pages.widgets import get_store
from graph import identity
from graph.identity_review import candidates
from graph.store import StoreError

st.title(t("Review duplicates"))
log = article_log()
ident = identity.Identity(identity.DecisionLog(log.path), auto=False)
st.caption(f"{t('Decisions are kept with the article log')}: `{ident.log.path}`")


def _decide(d: dict) -> bool:
    """Record d and rebuild the graph from the log with it; False (and an error shown) when it cannot."""
    if not log.segments():
        st.error(t("No article log beside this graph: decisions apply from the next load that has one."))
        return False
    ident.add(d)
    try:
        rebuild()
    except StoreError as e:
        st.error(str(e))
        return False
    return True


store = get_store()
limit = st.number_input(t("Candidates"), 10, 500, 50, step=10, key="review_limit")
cands = candidates(store, ident, limit=int(limit))
st.subheader(t("Candidates"))
if not cands:
    st.info(t("No candidate pairs left to review."))
else:
    table = pd.DataFrame([{"score": c["score"], "label": c["label"], "a": c["a_name"], "b": c["b_name"],
                           "suggested": c["action"], "why": c["why"], "evidence": "; ".join(c["evidence"])}
                          for c in cands])
    st.dataframe(table, hide_index=True, key="review_table")
    pick = st.selectbox(t("Pair"), range(len(cands)), key="review_pick",
                        format_func=lambda i: f"{cands[i]['a_name']} ↔ {cands[i]['b_name']} ({cands[i]['score']})")
    c = cands[pick]
    actions = {"merge": t("Merge (same entity)"), "keep_apart": t("Keep apart"),
               "link": t("Link: the first is a subsidiary of the second")}
    action = st.radio(t("Decision"), list(actions), format_func=actions.get, key="review_action",
                      index=list(actions).index(c["action"]))
    if st.button(t("Apply"), key="review_apply", type="primary"):
        if _decide(identity.decision(action, c["a"], c["b"], f"user: {c['why']}", c["score"], "user",
                                     evidence="; ".join(c["evidence"]) or None)):
            st.rerun()

st.subheader(t("Decisions"))
live = identity.active(ident.decisions)
if not live:
    st.info(t("No decisions yet."))
else:
    st.dataframe(pd.DataFrame([{k: d.get(k) for k in ("id", "kind", "a", "b", "source", "score", "reason", "time")}
                               for d in live]), hide_index=True, key="review_decisions")
    undo = st.selectbox(t("Undo decision"), [d["id"] for d in live], key="review_undo_pick",
                        format_func=lambda i: next(f"{d['kind']} {d['a']} → {d['b']}" for d in live if d["id"] == i))
    if st.button(t("Undo"), key="review_undo"):
        target = next(d for d in live if d["id"] == undo)
        if _decide(identity.decision("undo", target["a"], target["b"], "user undo", source="user", cancels=undo)):
            st.rerun()
