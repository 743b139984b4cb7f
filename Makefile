# The whole dev interface of sitrep. `make run` and `make test` do all set-up themselves.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sitrep.duckdb

.PHONY: chromium setup run test test-fast lint format typecheck bench eval clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "sitrep needs $(PY) on PATH"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet 'torch==2.13.0'
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

VENDOR := src/sitrep/web/vendor
VENDOR_STAMP := $(VENDOR)/node_modules/.installed

# Leaflet, topojson-client and world-atlas for the web map, served by sitrep itself (no CDN).
$(VENDOR_STAMP): $(VENDOR)/package.json
	npm install --prefix $(VENDOR) --no-audit --no-fund --loglevel=error
	touch $(VENDOR_STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

setup: $(STAMP) $(VENDOR_STAMP) chromium  ## .venv, sitrep, its model, the gazetteer, web files, Chromium
	$(BIN)/sitrep setup

run: setup  ## ingest the bundled examples into $(DB) and print a summary
	$(BIN)/sitrep ingest examples/ --db $(DB)
	$(BIN)/sitrep events --db $(DB) --limit 25
	@echo "Web map, timeline and API: $(BIN)/sitrep serve --db $(DB)  → http://127.0.0.1:8321/"

test: setup  ## every test, slow ones included
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy src

format: setup
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

bench: setup  ## speed: extract vs bare spaCy (into docs/benchmarks.md), consolidation, API
	$(BIN)/python scripts/bench.py --min-articles 500 --update-docs
	$(BIN)/python scripts/bench_merge.py --events 100000 --articles 1000
	$(BIN)/python scripts/bench_api.py --events 100000 --requests 40

eval: setup  ## score sitrep on every dev gold file in ../shared/eval
	$(BIN)/sitrep eval ../shared/eval/*.dev.jsonl

clean:
	rm -rf $(VENV) build *.egg-info $(DB) $(VENDOR)/node_modules
