# waqai — the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test lint unit bench stress clean models

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.demo: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install -e ".[corpus]"
	touch $@

$(VENV)/.dev: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install -e ".[dev]"
	touch $@

demo: $(VENV)/.demo
	$(VENV)/bin/waqai extract samples/articles/*.txt --format text

test: $(VENV)/.dev lint unit

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/ruff format --check src tests scripts benchmarks
	$(VENV)/bin/mypy

unit: $(VENV)/.dev
	$(VENV)/bin/pytest

bench: $(VENV)/.dev
	$(PIP) install -e ".[dev,bench]"
	@echo "benchmarks land with the performance issue"

stress: $(VENV)/.dev
	$(VENV)/bin/pytest -m slow

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
