# The whole dev interface of sitrep. `make run` and `make test` do all set-up themselves.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sitrep.duckdb

.PHONY: setup run test test-fast lint format typecheck bench eval clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "sitrep needs $(PY) on PATH"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)  ## create .venv, install sitrep and its model, build the gazetteer and actor KB
	$(BIN)/sitrep setup

run: setup  ## ingest the bundled examples into $(DB) and print a summary
	$(BIN)/sitrep ingest examples/ --db $(DB)
	$(BIN)/sitrep events --db $(DB) --limit 25

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

bench: setup  ## articles/second of extract vs bare spaCy; writes figures to stdout
	$(BIN)/python scripts/bench.py --min-articles 500 --update-docs

eval: setup  ## score sitrep on every dev gold file in ../shared/eval
	$(BIN)/sitrep eval ../shared/eval/*.dev.jsonl

clean:
	rm -rf $(VENV) build *.egg-info $(DB)
