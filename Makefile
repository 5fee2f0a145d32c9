# Shop What-If / 店铺推演 — build, test and run entry points.
#
#   make run     start the app on http://localhost:8501
#   make serve N=3  the app as N processes behind nginx with one PostgreSQL (N=1: one process on
#                SQLite, no nginx); Ctrl-C stops all (scripts/serve.py)
#   make test    the whole suite: unit, AppTest and browser (Playwright + Debian chromium), the
#                storage tests on SQLite and on a PostgreSQL server (Debian postgresql)
#   make test-fast  the unit and AppTest tiers without the tests marked slow (minutes, no browser)
#   make bench   benchmark figures as plain "name: value unit" lines
#   make lint    ruff check + ruff format --check
#
# Works on a fresh clone: the virtualenv is created on first use and the pinned requirements are
# (re)installed only when their content changes (a stamp file named after their hash lives inside
# .venv, so deleting .venv or editing a requirements file triggers a reinstall).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
PORT ?= 8501
PYTEST_ARGS ?=

# Stamp names carry the hash of the files they stand for: a changed file means a new stamp name.
RUNTIME_HASH := $(shell cat requirements.txt 2>/dev/null | sha256sum | cut -c1-16)
DEV_HASH := $(shell cat requirements.txt requirements-dev.txt 2>/dev/null | sha256sum | cut -c1-16)
RUNTIME_STAMP := $(VENV)/.stamp-runtime-$(RUNTIME_HASH)
DEV_STAMP := $(VENV)/.stamp-dev-$(DEV_HASH)

# Debian packages the browser tests and the storage tests (a real PostgreSQL server,
# tests/ui/test_store.py) need, and nginx for `make serve N>1` and its test
# (tests/browser/test_serve.py); installed by `make test` only when missing.
CHROMIUM := /usr/bin/chromium
APT_PACKAGES := chromium fonts-noto-cjk postgresql nginx
# `make serve`: app processes (1: SQLite, no nginx; more: nginx and PostgreSQL) and public address.
N ?= 1
ADDRESS ?= 0.0.0.0

# Installs the Debian packages named in $(1) that are missing (as root, or with sudo).
define apt_install
	@missing=""; \
	for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing (needs root)"; \
		sudo=""; if [ "$$(id -u)" -ne 0 ]; then sudo="sudo"; fi; \
		$$sudo apt-get update && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
endef

.PHONY: help run serve serve-deps test test-fast bench lint system-deps venv

help:
	@echo "make run    - start the app on http://localhost:$(PORT)"
	@echo "make serve N=3 - N app processes behind nginx, one PostgreSQL (N=1: one on SQLite)"
	@echo "make test   - run the whole test suite (installs dev deps, chromium, CJK fonts if missing)"
	@echo "make test-fast - unit and AppTest tests not marked slow (no browser; for every edit)"
	@echo "make bench  - print benchmark figures"
	@echo "make lint   - ruff check and ruff format --check"

venv: $(PY)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): | $(PY)
	@echo "Installing runtime requirements (requirements.txt) into $(VENV)"
	$(PIP) install -r requirements.txt
	@rm -f $(VENV)/.stamp-runtime-*
	@touch $@

$(DEV_STAMP): | $(RUNTIME_STAMP)
	@echo "Installing dev requirements (requirements-dev.txt) into $(VENV)"
	$(PIP) install -r requirements-dev.txt
	@rm -f $(VENV)/.stamp-dev-*
	@touch $@

run: $(RUNTIME_STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

system-deps:
	$(call apt_install,$(APT_PACKAGES))

# nginx and PostgreSQL only when several processes are asked for.
serve-deps:
	$(if $(filter 1,$(N)),@true,$(call apt_install,nginx postgresql))

serve: $(RUNTIME_STAMP) serve-deps
	$(PY) -m scripts.serve -n $(N) --port $(PORT) --address $(ADDRESS)

# Everything but the browser tests on two workers (pytest-xdist), then the browser tests on one
# (they share a server per session and drive chromium); both always run, and either failing fails.
test: $(DEV_STAMP) system-deps
	@$(PY) -m pytest tests --ignore=tests/browser -n $(FAST_WORKERS) $(PYTEST_ARGS); units=$$?; \
	$(PY) -m pytest tests/browser $(PYTEST_ARGS); browser=$$?; \
	echo "make test: model, ui and AppTest tiers exit $$units; browser tier exit $$browser"; \
	[ $$units -eq 0 ] && [ $$browser -eq 0 ]

# The quick tiers for every edit: model, ui and AppTest tests, without the ones marked slow (the
# long hypothesis runs and whole-app AppTest sweeps, which `make test` still runs).
# Two workers (pytest-xdist): the target is two minutes on a 2-core machine.
FAST_TESTS := tests/simulator tests/ui tests/app
FAST_WORKERS ?= 2

test-fast: $(DEV_STAMP)
	$(PY) -m pytest $(FAST_TESTS) -m "not slow and not browser" -n $(FAST_WORKERS) $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(PY) -m tests.bench

lint: $(DEV_STAMP)
	@status=0; \
	$(PY) -m ruff check . || status=1; \
	$(PY) -m ruff format --check . || status=1; \
	exit $$status
