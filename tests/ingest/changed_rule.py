"""`python tests/ingest/changed_rule.py ARGS...`: `python -m ingest ARGS...` with one
extraction rule changed in this process, as an edited ingest/relations.py would:
"在" no longer cues a project's site, so such a project's host moves to the place
the article names otherwise (test_replay's re-extraction case)."""
import re
import sys

from ingest import relations
from ingest.__main__ import main

assert relations.SITE_CUE.search("在"), "the rule this script changes is gone: pick another"
relations.SITE_CUE = re.compile(r"(?:落户|落户于|位于|选址|落地|坐落于|布局)$")
sys.exit(main(sys.argv[1:]))
