"""Saved ego views and deep links: the entity, depth, node cap, filters, layout,
expansions, hidden nodes and time range live in the page's query string, so
the address bar is always a link that restores the view; a view saved by name
is that query string, kept in a JSON file (GOVKG_VIEWS, default views.json beside
the embedded graph file). Node positions are not kept: the layout recomputes them."""
from __future__ import annotations

import datetime as dt
import json
import os
from urllib.parse import urlencode

import streamlit as st

from app_pages.widgets import store_config

# session key -> (query parameter, kind)
STATE = {"ego_depth": ("depth", int), "ego_cap": ("cap", int), "ego_labels": ("labels", list),
         "ego_types": ("types", list), "ego_layout": ("layout", str), "ego_expanded": ("expand", list),
         "ego_hidden": ("hide", list), "ego_by_time": ("time", bool), "ego_time": ("range", "dates"),
         "ego_undated": ("undated", bool)}
_LISTS = {p for p, kind in STATE.values() if kind in (list, "dates")}


def _parse(kind, values: list[str]):
    if kind is list:
        return [v for v in values if v]
    if kind == "dates":
        return tuple(dt.date.fromisoformat(v) for v in values[:2])
    if kind is bool:
        return values[0] == "1"
    return kind(values[0])


def _show(kind, value) -> list[str] | str:
    if kind is list:
        return list(value)
    if kind == "dates":
        return [d.isoformat() for d in value]
    if kind is bool:
        return "1" if value else "0"
    return str(value)


def current_query() -> dict:
    """The page's query string as {param: value or list of values}."""
    qp = st.query_params
    return {k: qp.get_all(k) if k in _LISTS else qp.get(k) for k in qp}


def restore() -> None:
    """Before the page draws: a link or reopened view the page did not write itself
    (a new address, or Open) sets the view's state."""
    query = current_query()
    if query == st.session_state.get("ego_link"):
        return
    for key, (param, kind) in STATE.items():
        if param in query:
            values = query[param] if isinstance(query[param], list) else [query[param]]
            try:
                st.session_state[key] = _parse(kind, values)
            except (ValueError, TypeError):
                pass  # a damaged parameter leaves that part of the view as it is
    if query.get("key"):
        if st.session_state.get("ego_center") != query["key"]:  # another entity's expansions do not carry over
            for skey, param in (("ego_expanded", "expand"), ("ego_hidden", "hide")):
                if param not in query:
                    st.session_state[skey] = []
        st.session_state["ego_center"] = query["key"]  # the link's expansions belong to its entity
    if "q" in query:
        st.session_state["ego_text"] = query["q"]
        st.session_state.pop("ego_asked", None)  # choose the linked key afresh


def publish(text: str, key: str) -> str:
    """After the page drew: its state into the query string; returns the link."""
    query = {"q": text, "key": key}
    for skey, (param, kind) in STATE.items():
        if skey in st.session_state and st.session_state[skey] not in (None, [], ()):
            query[param] = _show(kind, st.session_state[skey])
    if current_query() != query:
        st.query_params.from_dict(query)
    st.session_state["ego_link"] = current_query()
    return "ego?" + urlencode(query, doseq=True)


# -- saved views ------------------------------------------------------------------------
def views_path() -> str:
    kind, db, _ = store_config()
    return os.environ.get("GOVKG_VIEWS") or os.path.join(os.path.dirname(db) if kind == "embedded" else "data",
                                                         "views.json")


def saved() -> dict:
    try:
        with open(views_path(), encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        st.error(f"Saved views unreadable ({views_path()}: {e})")
        return {}


def save(name: str, link: str, title: str) -> None:
    views = saved() | {name: {"link": link, "title": title, "saved": dt.datetime.now().isoformat(timespec="seconds")}}
    os.makedirs(os.path.dirname(views_path()) or ".", exist_ok=True)
    tmp = views_path() + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(views, f, ensure_ascii=False, indent=1)
    os.replace(tmp, views_path())  # never a half-written file


def open_view(name: str) -> None:
    """Button callback: the saved link becomes the page's query string (restore() applies it)."""
    from urllib.parse import parse_qs
    query = parse_qs(saved()[name]["link"].split("?", 1)[1])
    st.query_params.from_dict({k: v if k in _LISTS else v[0] for k, v in query.items()})


def saved_views_panel(link: str, title: str) -> None:
    """Save the view by name, list the saved ones, open one; the link to share."""
    with st.expander("Saved views and link"):
        st.markdown(f"Link to this view: [{title}]({link})")
        st.code(link, language=None, wrap_lines=True)
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        name = c1.text_input("Save as", key="view_name", placeholder="a name for this view")
        if c2.button("Save", key="view_save"):
            if name.strip():
                save(name.strip(), link, title)
                st.success(f"Saved “{name.strip()}”.")
            else:
                st.warning("Give the view a name first.")
        views = saved()
        if views:
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            pick = c1.selectbox("Saved views", sorted(views), key="view_pick",
                                format_func=lambda n: f"{n} — {views[n]['title']} ({views[n]['saved']})")
            c2.button("Open", key="view_open", on_click=open_view, args=(pick,))
