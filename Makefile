# waqai — the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test lint unit bench stress clean models web-assets

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.demo: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install -e ".[corpus,web]"
	touch $@

$(VENV)/.dev: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install -e ".[dev]"
	touch $@

DEMO_DB := out/demo.db

demo: $(VENV)/.demo
	mkdir -p out && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/waqai ingest samples --db sqlite:///$(DEMO_DB) --workers 2
	$(VENV)/bin/waqai stats --db sqlite:///$(DEMO_DB)
	$(VENV)/bin/waqai timeline --country KZ --db sqlite:///$(DEMO_DB)
	@echo
	@echo "Open the dashboard:  $(VENV)/bin/waqai serve --db sqlite:///$(DEMO_DB)"

test: $(VENV)/.dev lint unit

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/ruff format --check src tests scripts benchmarks
	$(VENV)/bin/mypy

unit: $(VENV)/.dev
	$(VENV)/bin/pytest

# long measurements (need ../shared/data); each script also updates docs/benchmarks.md
bench: $(VENV)/.dev
	$(PIP) install -e ".[dev,bench,dask]"
	$(PY) benchmarks/pipeline.py
	$(PY) benchmarks/dates.py
	$(PY) benchmarks/ner.py
	$(PY) benchmarks/events.py
	$(PY) benchmarks/engines.py

stress: $(VENV)/.dev
	$(VENV)/bin/pytest -m slow

models: $(VENV)/.dev
	$(PIP) install -e ".[dev,models]"
	$(PY) scripts/build_gazetteers.py
	$(PY) scripts/build_wordfreq.py
	$(PY) scripts/build_names.py
	$(PY) scripts/train_ner.py
	$(PY) scripts/train_ner_neural.py

# refresh the dashboard's browser libraries (web/package.json) into src/waqai/web/static/vendor/
web-assets:
	cd web && npm ci --no-audit --no-fund && node copy-vendor.mjs

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
