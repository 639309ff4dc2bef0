#!/usr/bin/env bash
# The test command (README, .ci/run): set up everything, start Neo4j, run pytest, stop Neo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --all
export NEO4J_URI=${NEO4J_URI:-bolt://127.0.0.1:7687} NEO4J_USER=${NEO4J_USER:-neo4j}
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-govkg-dev-password}
started=0
if ! .venv/bin/python -m graph.neo4j_server status >/dev/null 2>&1; then
  .venv/bin/python -m graph.neo4j_server start
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then .venv/bin/python -m graph.neo4j_server stop || true; fi; }
trap cleanup EXIT
mkdir -p artifacts
.venv/bin/python -m pytest "$@"
