# Two commands do everything on a fresh machine: `make run` and `make test`.
# The venv is rebuilt only when its inputs (pyproject.toml) change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

NODE_STAMP := node_modules/.installed-from-lock

.PHONY: run test lint typecheck pytest bench load-check browser-deps clean model chat

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-run

## run: start the local skill server (embedded store, console at http://HOST:PORT/)
run: $(VENV)/.installed-run
	$(BIN)/morning-moves serve --host $(HOST) --port $(PORT) --no-verify

## test: lint, type-check and run every test; exits non-zero on any failure
test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# Node tools the tests start (dynalite): reinstalled only when package-lock.json changes.
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

pytest: $(VENV)/.installed-test $(NODE_STAMP) browser-deps
	$(BIN)/pytest

## bench: latency, cold start, throughput, database work and footprint against a bare ASK SDK
##        skill; prints one table, exits non-zero when a target is missed (about 2 minutes)
bench: $(VENV)/.installed-test $(NODE_STAMP)
	$(BIN)/python -m bench

## model: regenerate interaction_model/ from skill/voice/model_source.py
model: $(VENV)/.installed-run
	$(BIN)/python -m skill.voice.model_build

## chat: talk to the skill by typing (in-process; URL=http://127.0.0.1:5000/alexa for a server)
chat: $(VENV)/.installed-run
	$(BIN)/morning-moves chat $(if $(URL),--url $(URL))

## load-check: 50 simulated devices, signed requests, 60 s on loopback; non-zero on any error
load-check: $(VENV)/.installed-test
	$(BIN)/python -m bench.load_check --devices 50 --seconds 60

# The browser test drives Debian's Chromium through Debian's chromedriver; never a downloaded one.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver; }

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
