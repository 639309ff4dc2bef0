"""Read-only Cypher: refuse writes before a query reaches a store, and cap its rows."""
from __future__ import annotations

import re as _re

from graph.store import ReadOnlyError

# Clauses/keywords that write, touch files or change the session. Checked outside
# string literals and comments, as whole words.
_WRITE_WORDS = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "COPY",
                "LOAD", "INSTALL", "ATTACH", "EXPORT", "IMPORT", "FOREACH", "USE", "BEGIN", "COMMIT",
                "ROLLBACK", "CHECKPOINT", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE",
                "FINISH", "RENAME", "INSERT", "UPDATE", "FORCE", "COMMENT", "ANALYZE")
# Procedures a read-only query may CALL (lower case).
READ_PROCEDURES = {"db.index.fulltext.querynodes", "db.labels", "db.relationshiptypes",
                   "db.propertykeys", "db.schema.visualization", "db.schema.nodetypeproperties",
                   "db.schema.reltypeproperties", "show_tables", "table_info", "show_connection",
                   "current_setting", "db_version"}
_STRIP = _re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", _re.S)


def _code_only(cypher: str) -> str:
    """The query with string literals, quoted names and comments blanked out
    (same length, so positions still match the original)."""
    def blank(m):
        t = m.group(0)
        if t[0] == "/":
            return "".join(c if c == "\n" else " " for c in t)
        return t[0] + " " * (len(t) - 2) + t[-1]
    return _STRIP.sub(blank, cypher)


def check_read_only(cypher: str) -> str:
    """Return the query without a trailing ';' or raise ReadOnlyError naming the reason."""
    code = _code_only(cypher).strip()
    if not code:
        raise ReadOnlyError("empty query")
    if ";" in code.rstrip().rstrip(";"):
        raise ReadOnlyError("only one statement per query (found ';')")
    upper = code.upper()
    for word in _WRITE_WORDS:
        if _re.search(rf"\b{word}\b", upper):
            raise ReadOnlyError(f"read-only: {word} is not allowed here")
    for m in _re.finditer(r"\bCALL\s+([A-Za-z_][\w.]*)", code, _re.I):
        if m.group(1).lower() not in READ_PROCEDURES:
            raise ReadOnlyError(f"read-only: CALL {m.group(1)} is not an allowed read procedure")
    return cypher.strip().rstrip(";").rstrip()


_TRAILING_LIMIT = _re.compile(r"\bLIMIT\s+(\d+|\$\w+)\s*$", _re.I)


def cap_rows(cypher: str, params: dict, limit: int) -> str:
    """Make the query itself return at most limit+1 rows (one extra shows truncation)."""
    code = _code_only(cypher)
    m = _TRAILING_LIMIT.search(code)
    cap = limit + 1
    if m:
        val = m.group(1)
        given = params.get(val[1:]) if val.startswith("$") else int(val)
        try:
            given = int(given)
        except (TypeError, ValueError):
            given = cap
        return cypher[:m.start()] + f"LIMIT {min(given, cap)}"
    if not _re.search(r"\bRETURN\b", code, _re.I):
        return cypher
    return f"{cypher}\nLIMIT {cap}"
