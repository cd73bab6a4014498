# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1:8000

.PHONY: run test install lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py import_seeds
	DJANGO_DEBUG=1 $(BIN)/python manage.py create_accounts --url http://$(HOST)/admin/
	@echo "Newsroom is starting at http://$(HOST)/ (Ctrl-C stops it)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Options: BENCH_ARGS="--sizes 1000 --duration 3 --markdown /tmp/bench.md", or the BENCH_*
# variables listed in bench/run.py.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles test-artifacts
