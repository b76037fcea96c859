# Two commands do everything on a fresh machine: `make run` and `make test`.
# The venv is rebuilt only when its inputs (pyproject.toml) change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

NODE_STAMP := node_modules/.installed-from-lock
# Deploy tools (aws-sam-cli, cfn-lint, uv) have their own venv: their pins clash with ours.
SAM_VENV := .venv-sam
SAM_BIN  := $(SAM_VENV)/bin
LAMBDA_ARCH ?= arm64
LAMBDA_PYTHON := $(shell sed -n 's/^ *Runtime: *python//p' template.yaml)
export SAM_CLI_TELEMETRY := 0

.PHONY: run test lint typecheck pytest bench load-check browser-deps valgrind-dep espeak-dep clean \
	model chat \
	template-check package-check package lambda-artifact lambda-lock build-SkillFunction skill-package \
	deploy-backend deploy-skill deploy-lock deploy-check

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
test: lint typecheck template-check package-check pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m skill.dev.model_lint

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# Node tools the tests start (dynalite): reinstalled only when package-lock.json changes.
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

pytest: $(VENV)/.installed-test $(NODE_STAMP) browser-deps valgrind-dep espeak-dep $(SAM_VENV)/.installed
	$(BIN)/pytest

## bench: latency, cold start, throughput, database work and footprint against the ASK SDK's
##        persistent skill; one table, non-zero on a missed target (2-5 minutes, longer when busy)
bench: $(VENV)/.installed-test $(NODE_STAMP) valgrind-dep
	$(BIN)/python -m bench

## model: regenerate interaction_model/ from skill/voice/model_source.py
model: $(VENV)/.installed-run
	$(BIN)/python -m skill.dev.model_build

## chat: talk to the skill by typing (in-process; URL=http://127.0.0.1:5000/alexa for a server)
chat: $(VENV)/.installed-run
	$(BIN)/morning-moves chat $(if $(URL),--url $(URL))

## load-check: 50 simulated devices, signed requests, 60 s on loopback; non-zero on any error
load-check: $(VENV)/.installed-test
	$(BIN)/python -m bench.load_check --devices 50 --seconds 60

# The browser test drives Debian's Chromium through Debian's chromedriver; never a downloaded one.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The cold-start benchmark counts instructions with valgrind (tests/bench runs it at toy size).
valgrind-dep:
	@command -v valgrind >/dev/null || { $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends valgrind; }

# The pacing tests synthesise counted sets with Debian's espeak-ng and time the WAVs (seconds).
espeak-dep:
	@command -v espeak-ng >/dev/null || { $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends espeak-ng; }

browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver; }

clean:
	rm -rf $(VENV) $(SAM_VENV) build .aws-sam node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis

# --- Deploy (SAM) -------------------------------------------------------------------------------
# The deploy tools live in their own venv, rebuilt only when lambda/sam-requirements.txt changes.

$(SAM_VENV)/.installed: lambda/sam-requirements.txt
	rm -rf $(SAM_VENV)
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_BIN)/pip install --quiet $$(grep '^uv==' lambda/sam-requirements.txt)
	$(SAM_BIN)/uv pip install --quiet --python $(SAM_BIN)/python -r lambda/sam-requirements.txt
	@touch $@

## package-check: interaction_model/ against what certification asks of a skill package (offline)
package-check: $(VENV)/.installed-run
	$(BIN)/python lambda/package_check.py interaction_model

## template-check: cfn-lint and sam validate --lint on template.yaml (offline)
template-check: $(SAM_VENV)/.installed
	$(SAM_BIN)/cfn-lint template.yaml
	$(SAM_BIN)/sam validate --lint --region us-east-1

## package: build the Lambda artifact (arm64, cached) and its zip, and print their sizes
package: $(SAM_VENV)/.installed
	$(PYTHON) lambda/build_artifact.py --out build/lambda/arm64 --zip build/morning-moves-lambda.zip

## lambda-artifact: the artifact folder for LAMBDA_ARCH (the tests build x86_64 to import it)
lambda-artifact: $(SAM_VENV)/.installed
	$(PYTHON) lambda/build_artifact.py --arch $(LAMBDA_ARCH) --out build/lambda/$(LAMBDA_ARCH)

# `sam build` runs this (template.yaml: BuildMethod makefile) with ARTIFACTS_DIR set.
build-SkillFunction: $(SAM_VENV)/.installed
	$(PYTHON) lambda/build_artifact.py --out build/lambda/arm64 --copy-to "$(ARTIFACTS_DIR)"

## skill-package: build/skill-package for `ask deploy`: the endpoint set to the deployed function
##                (ARN=arn:aws:lambda:… or, by default, the stack's SkillFunctionArn output) and
##                the published pages (PRIVACY_URL=https://… TERMS_URL=https://…, required)
skill-package: $(VENV)/.installed-run $(SAM_VENV)/.installed
	$(BIN)/python lambda/skill_package.py --sam $(SAM_BIN)/sam $(if $(ARN),--arn '$(ARN)') \
		--privacy-url '$(PRIVACY_URL)' --terms-url '$(TERMS_URL)'

# The two-pass deploy (lambda/deploy_flow.py says why): each step checks what it left behind.
DEPLOY_FLOW := $(SAM_BIN)/python lambda/deploy_flow.py --sam $(SAM_BIN)/sam

## deploy-backend: sam build + sam deploy with samconfig.toml's saved answers (GUIDED=1 the first
##                 time); fails when a skill exists that the stack is not locked to
deploy-backend: $(SAM_VENV)/.installed
	$(SAM_BIN)/sam build
	$(SAM_BIN)/sam deploy $(if $(GUIDED),--guided)
	$(DEPLOY_FLOW) after-deploy

## deploy-skill: the skill package for the deployed function, then `ask deploy` (creates the skill
##               the first time, updates it after); PRIVACY_URL and TERMS_URL as for skill-package
deploy-skill: skill-package
	@command -v ask >/dev/null || { echo "no ASK CLI: npm install -g ask-cli, then ask configure" >&2; exit 1; }
	ask deploy
	$(DEPLOY_FLOW) skill-id

## deploy-lock: save the skill's id (.ask/ask-states.json, or SKILL_ID=) in samconfig.toml, deploy
##              again, and check that the stack now runs locked to it
deploy-lock: $(SAM_VENV)/.installed
	$(DEPLOY_FLOW) save-skill-id $(if $(SKILL_ID),--skill-id '$(SKILL_ID)')
	$(SAM_BIN)/sam build
	$(SAM_BIN)/sam deploy
	$(DEPLOY_FLOW) check

## deploy-check: the deployed stack is locked to the saved skill id, the ASK CLI's skill
deploy-check: $(SAM_VENV)/.installed
	$(DEPLOY_FLOW) check

## lambda-lock: re-pin lambda/requirements.txt from lambda/requirements.in
lambda-lock: $(SAM_VENV)/.installed
	$(SAM_BIN)/uv pip compile --quiet --python-version $(LAMBDA_PYTHON) \
		--python-platform aarch64-manylinux_2_34 \
		--annotation-style line --custom-compile-command "make lambda-lock" \
		lambda/requirements.in -o lambda/requirements.txt
