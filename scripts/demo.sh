#!/usr/bin/env bash
# Set up, ingest a folder of articles into the embedded store, open the app.
#   scripts/demo.sh [FOLDER]     (default: examples/)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# exit 1 only means some files were skipped (each named above): open the app anyway
.venv/bin/python -m ingest "${1:-examples}" || [ $? -eq 1 ]
exec .venv/bin/streamlit run app.py --server.address 127.0.0.1
