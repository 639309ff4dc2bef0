"""`python tests/ingest/changed_rule.py ARGS...`: `python -m ingest ARGS...` with one
extraction rule changed in this process, as an edited ingest/lexicon.py would: 市长 and
副市长 are no longer posts, so the mayors' LEADS go (test_replay's re-extraction case).
A rule the learned stage does not decide again, so its change always shows."""
import re
import sys

from ingest import lexicon as lx
from ingest.__main__ import main

posts = "|".join(p for p in lx.POSTS.split("|") if not p.endswith("市长"))
assert posts != lx.POSTS and lx.POSTS in lx.TITLE.pattern, "the rule this script changes is gone: pick another"
lx.TITLE = re.compile(lx.TITLE.pattern.replace(lx.POSTS, posts))
sys.exit(main(sys.argv[1:]))
