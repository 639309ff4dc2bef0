#!/usr/bin/env bash
# Set up govkg: a virtualenv with the pinned packages; optionally Neo4j (from
# Maven Central), Chromium (from Debian) and the export readers (the Gephi
# Toolkit from Maven Central, Cytoscape.js from npm) for the full test suite.
#   scripts/setup.sh            # Python packages only (what the demo needs)
#   scripts/setup.sh --all      # plus Neo4j jars, Chromium and the readers (what the tests need)
set -euo pipefail
cd "$(dirname "$0")/.."
want_neo4j=0; want_browser=0; want_readers=0
for arg in "$@"; do
  case "$arg" in
    --all) want_neo4j=1; want_browser=1; want_readers=1 ;;
    --readers) want_readers=1 ;;
    --neo4j) want_neo4j=1 ;;
    --browser) want_browser=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(sha1sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== installing Python packages (requirements.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements.txt
  echo "$want" > "$stamp"
fi
if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi"; }; then
  echo "== installing Chromium and a Chinese font from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
if { [ "$want_neo4j" = 1 ] || [ "$want_readers" = 1 ]; }; then
  if ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then
    echo "== installing Java 17 and Maven from Debian"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  fi
fi
if [ "$want_neo4j" = 1 ]; then
  echo "== installing Neo4j (Maven Central)"
  .venv/bin/python -m graph.neo4j_server install
fi
if [ "$want_readers" = 1 ]; then
  # The Gephi Toolkit's "all" jar bundles what it needs; its plain artifact wants a
  # snapshot dependency Maven Central does not serve, so it is copied alone.
  gephi=.gephi/gephi-toolkit-0.10.1-all.jar
  if [ ! -s "$gephi" ]; then
    echo "== fetching the Gephi Toolkit 0.10.1 (Maven Central)"
    mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact=org.gephi:gephi-toolkit:0.10.1:jar:all -DoutputDirectory=.gephi
  fi
  if [ ! -d tests/js/node_modules/cytoscape ]; then
    if ! command -v npm >/dev/null; then
      echo "== installing Node.js and npm from Debian"
      SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
    fi
    echo "== installing Cytoscape.js (npm, tests/js/package-lock.json)"
    npm ci --prefix tests/js --no-audit --no-fund --silent
  fi
fi
