"""Helpers of the reliability tests: graph dumps and the CLIs as real processes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PY = sys.executable


def dump(store) -> tuple[list, list]:
    """Every node and relationship with every property, in a fixed order."""
    nodes = sorted(store.iter_nodes(), key=lambda n: n["key"])
    edges = sorted(store.iter_edges(), key=lambda e: (e["type"], e["source"], e["target"]))
    return nodes, edges


def cli_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env.update(PYTHONPATH=str(REPO), PYTHONWARNINGS="ignore::DeprecationWarning", **extra)
    return env


def run_cli(*args: str, timeout: float = 580, **env: str) -> subprocess.CompletedProcess:
    """`python -m <args>` from the repository root, as a user runs it."""
    return subprocess.run([PY, "-m", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=timeout, env=cli_env(**env))


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The CLI's stderr, checked to be exactly one line without a traceback."""
    err = result.stderr.strip()
    assert "Traceback" not in err, err
    assert err and "\n" not in err, f"expected one line on stderr, got:\n{err}"
    return err


def dump_diff(a: tuple[list, list], b: tuple[list, list], limit: int = 8) -> list[str]:
    """Readable differences between two dumps (empty when equal)."""
    out = []
    for what, ident, xs, ys in (("node", lambda n: n["key"], a[0], b[0]),
                                ("edge", lambda e: (e["type"], e["source"], e["target"]), a[1], b[1])):
        xa, yb = {ident(x): x for x in xs}, {ident(y): y for y in ys}
        out += [f"{what} {k} only in the first" for k in sorted(set(xa) - set(yb), key=str)]
        out += [f"{what} {k} only in the second" for k in sorted(set(yb) - set(xa), key=str)]
        for k in sorted(set(xa) & set(yb), key=str):
            if xa[k] != yb[k]:
                props = {p: (str(xa[k].get(p))[:80], str(yb[k].get(p))[:80])
                         for p in set(xa[k]) | set(yb[k]) if xa[k].get(p) != yb[k].get(p)}
                out.append(f"{what} {k}: {props}")
    return out[:limit] + ([f"... {len(out) - limit} more"] if len(out) > limit else [])
