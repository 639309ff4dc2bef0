#!/usr/bin/env bash
# The test command (README, .ci/run): set up everything, start a private Neo4j, run pytest, stop it.
# The server is the test run's own (home .neo4j-test, a free port), so a server someone else
# runs - the demo's on 7687, another checkout's - cannot mix data in. Set NEO4J_URI to use another.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --all
export NEO4J_USER=${NEO4J_USER:-neo4j} NEO4J_PASSWORD=${NEO4J_PASSWORD:-govkg-dev-password}
started=0
if [ -z "${NEO4J_URI:-}" ]; then
  home="$PWD/.neo4j-test"
  port=$(.venv/bin/python -c "from graph.neo4j_server import free_port; print(free_port())")
  .venv/bin/python -m graph.neo4j_server install --home "$home" --jars-from .neo4j >/dev/null
  .venv/bin/python -m graph.neo4j_server stop --home "$home" >/dev/null 2>&1 || true
  .venv/bin/python -m graph.neo4j_server start --home "$home" --port "$port"
  export NEO4J_URI="bolt://127.0.0.1:$port"
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then .venv/bin/python -m graph.neo4j_server stop --home "$home" || true; fi; }
trap cleanup EXIT
mkdir -p artifacts
.venv/bin/python -m pytest "$@"
