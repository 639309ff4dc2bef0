# make demo   set up, ingest examples/ into the embedded store, open the app
# make test   set up everything (packages, Neo4j, Chromium), run the tests
.PHONY: demo test setup bench
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
setup:
	bash scripts/setup.sh --all
bench:
	.venv/bin/python -m bench.run_all
