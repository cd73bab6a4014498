# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1:8000

.PHONY: run test install deploy-install lock lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.txt is what the site runs on, requirements-dev.txt the tests and tools on
# top of it; both are locks with hashes made from the .in files by `make lock`.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Production: the runtime lock alone (no test tools), into .venv.
deploy-install: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt

# After changing requirements.in or requirements-dev.in: pin and hash again. Versions
# already pinned stay; add --upgrade-package NAME (or --upgrade) to LOCK_ARGS to move them.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: install
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" $(PIP_COMPILE) --output-file requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

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
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Options: BENCH_ARGS="--sizes 1000 --duration 3 --markdown /tmp/bench.md", or the BENCH_*
# variables listed in bench/run.py.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles test-artifacts
