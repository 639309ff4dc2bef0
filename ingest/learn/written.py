"""Articles written for this repository with their gold (ingest/learn/written/): modern local
investment news, which the dev set has little of, scored the way the dev set is.

    python -m ingest.learn.written                      # both files
    python -m ingest.learn.written ingest/learn/written/heldout.jsonl
"""
from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from ingest.learn import data, evaluate

FOLDER = Path(__file__).with_name("written")
FILES = (FOLDER / "probe.jsonl", FOLDER / "heldout.jsonl")


def score(path: Path) -> dict:
    """The scorer's table for the extractor's output on the articles of one file."""
    from ingest.extract import contract_view, extract_text
    docs = data.inline_docs(Path(path))
    pred = [contract_view(extract_text(d.gold["text"].strip(), name=d.name)) | {"article": d.name}
            for d in tqdm(docs, desc=Path(path).name, unit="article")]
    return evaluate.table({d.name: d.gold for d in docs}, pred)


def main(argv=None) -> int:
    for path in (argv if argv is not None else sys.argv[1:]) or FILES:
        print(f"{path}:\n{evaluate.format_table(score(Path(path)))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
