"""The graph again from its article log, from the app (after a merge decision, or a load whose
new articles tie nodes already stored): ingest/replay.py with an st.progress bar."""
from __future__ import annotations

import streamlit as st

from app_pages.i18n import t
from app_pages.widgets import _release, reload_data, store_config
from graph.article_log import ArticleLog, log_path


class _Bar:
    """replay.rebuild's progress (tqdm's reset/update) on st.progress."""

    def __init__(self):
        self.bar, self.total, self.done = st.progress(0.0, text=t("Rebuilding the graph…")), 1, 0

    def reset(self, total):
        self.total, self.done = max(total, 1), 0

    def update(self, n):
        self.done += n
        self.bar.progress(min(self.done / self.total, 1.0), text=f"{t('Rebuilding the graph…')} {self.done} / {self.total}")


def article_log() -> ArticleLog:
    kind, db, uri = store_config()
    return ArticleLog(log_path(kind, db, uri=uri))


def rebuild(only_if_stale: bool = False) -> bool:
    """Rebuild the configured store from its log (only_if_stale: only when its decisions
    disagree with stored nodes); True when it ran. StoreError propagates."""
    from ingest import replay
    kind, db, uri = store_config()
    log = article_log()
    if only_if_stale:
        if kind == "embedded":
            _release()  # stale() opens the file for writing
        if not replay.stale(log, kind, db, uri):
            return False
    if kind == "embedded":
        _release()  # the rebuilt file replaces the one the app holds open
    replay.rebuild(log, kind, db, uri, bar=_Bar())
    reload_data()
    return True
