"""What every benchmark shares: the machine, timing summaries, result files."""
from __future__ import annotations

import json
import math
import os
import platform
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
SHARED = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "news_2011.jsonl"
WORK = Path(os.environ.get("GOVKG_BENCH_DIR", REPO / "data" / "bench"))  # databases, exports, synthetic corpora


def size_label(rels: int) -> str:
    """10000 -> "10k", 1000000 -> "1M"."""
    if rels >= 1_000_000 and rels % 1_000_000 == 0:
        return f"{rels // 1_000_000}M"
    if rels >= 1000 and rels % 1000 == 0:
        return f"{rels // 1000}k"
    return str(rels)


def parse_sizes(text: str) -> list[int]:
    """"10k,100k,1M" -> [10000, 100000, 1000000]."""
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        mult = 1_000_000 if part.endswith("m") else 1000 if part.endswith("k") else 1
        try:
            n = int(float(part.rstrip("km")) * mult)
        except ValueError:
            raise SystemExit(f"--sizes: {part!r} is not a size (use e.g. 10k,100k,1M)") from None
        if n <= 0:
            raise SystemExit(f"--sizes: {part!r} must be positive")
        out.append(n)
    return out


def machine() -> dict:
    """The machine the numbers were measured on."""
    cpu = platform.processor()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        mem = 0
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30).stderr.splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        java = None
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem / 2**30, 1),
            "python": platform.python_version(), "java": java, "os": platform.platform(),
            # Other work on the machine skews timings: the load when the result was written says how much.
            "loadavg_1m_5m_15m": [round(x, 2) for x in os.getloadavg()]}


def summarize(ms: list[float]) -> dict:
    """n, p50/p95/p99/mean/max of latencies in milliseconds (nearest-rank percentiles)."""
    if not ms:
        return {"n": 0}
    s = sorted(ms)

    def pct(p: float) -> float:
        return round(s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))], 3)

    return {"n": len(s), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "mean": round(sum(s) / len(s), 3), "max": round(s[-1], 3)}


def time_calls(fn: Callable, args_list: list, budget_s: float = 60.0) -> tuple[list[float], list]:
    """Latencies (ms) of fn(*args) over args_list, stopping once budget_s is spent; and the results."""
    ms, results = [], []
    start = time.perf_counter()
    for args in args_list:
        t = time.perf_counter()
        results.append(fn(*args))
        ms.append((time.perf_counter() - t) * 1000)
        if time.perf_counter() - start > budget_s:
            break
    return ms, results


def rng(seed: int = 7) -> random.Random:
    return random.Random(seed)


def write_result(name: str, data: dict, results_dir: Path | None = None) -> Path:
    """bench/results/NAME.json, with the machine and the command line."""
    out_dir = Path(results_dir or RESULTS)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "command": _command(),
            "machine": machine(), **data}
    path = out_dir / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _command() -> str:
    """The command that produced a result, as a user would type it."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    try:
        module = ".".join(script.relative_to(REPO).with_suffix("").parts)
    except (ValueError, AttributeError):
        return " ".join(sys.argv)
    return " ".join(["python -m", module, *sys.argv[1:]])


def dir_bytes(path: Path) -> int:
    """Bytes on disk of a file or everything under a folder."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_measured(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run a command; its wall time, exit code, stderr tail and peak RSS (this child alone, via wait4)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr in a thread so a chatty child cannot block on a full pipe before wait4.
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = b"".join(chunks).decode("utf-8", "replace").strip().splitlines()
    return {"seconds": round(seconds, 3), "returncode": proc.returncode,
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
            "stderr_tail": err[-3:]}
