# 自考考生手册 — every task an editor or developer runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
# Python 3.12+ for the virtual environment: pyenv's 3.12 if present, else whatever python3.12/3.13 is on PATH.
BASE_PY := $(shell for c in "$$(pyenv prefix 3.12.1 2>/dev/null)/bin/python3.12" python3.12 python3.13; do \
             if command -v "$$c" >/dev/null 2>&1; then command -v "$$c"; break; fi; done)
PORT   ?= 8000

.PHONY: help setup setup-python build serve test test-fast check bench fuzz clean

help:
	@echo "make serve      — 安装依赖、构建并在 http://127.0.0.1:$(PORT) 预览网站"
	@echo "make test       — 运行全部测试（含 Chromium 浏览器测试和 Node 中的 Pyodide 测试）"
	@echo "make test-fast  — 只运行快速测试（不构建网站、不启动浏览器和 Node，一分钟内）"
	@echo "make check      — 快速检查数据、站内链接和过期事实（编辑者常用，只需要 Python）"
	@echo "make build      — 只构建网站到 site/（mkdocs build --strict）"
	@echo "make bench      — 性能测量，写入 bench/results.md"
	@echo "make fuzz       — 长时间模糊测试"

# Idempotent: re-running only installs what changed (stamps depend on the lock files).
# setup-python is all an editor needs (`make check`, `make test-fast`); the site build and the full tests also need
# Node.js for the pinned Pyodide (npm ci).
setup: setup-python node_modules/.stamp
setup-python: $(VENV)/.stamp checkers/_catalog.json

# The checkers' bundled copy of data/ (photo specs, plans, rules); rebuilt when any data file changes.
checkers/_catalog.json: $(VENV)/.stamp $(shell find data -name '*.yml' 2>/dev/null)
	@$(PY) -m macros.validate >/dev/null

$(VENV)/.stamp: requirements.lock
	@test -n "$(BASE_PY)" || { echo "需要 Python 3.12 或更新版本 (python3.12)"; exit 1; }
	@test -x $(PY) || $(BASE_PY) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# The repository itself on the venv's path, so `.venv/bin/python -m checkers …` works from any folder.
	@echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/zikao-handbook.pth"
	@touch $@

node_modules/.stamp: package-lock.json
	@command -v npm >/dev/null || { echo "需要 Node.js 18+ 和 npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: setup
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict --quiet

serve: build
	$(PY) -m tools.serve --dir site --port $(PORT)

test: setup
	$(PY) -m pytest

FAST := not slow and not browser and not node and not fuzz and not webkit
test-fast: setup-python
	$(PY) -m pytest -q -m "$(FAST)"

check: setup-python
	$(PY) -m macros.validate --check

# SECTIONS="bench.web" re-measures only those sections and puts them in place in bench/results.md.
bench: build
	$(PY) -m bench $(SECTIONS)

fuzz: setup
	FUZZ_LONG=1 $(PY) -m pytest tests -m fuzz -q

clean:
	rm -rf site .pytest_cache tests/artifacts checkers/_catalog.json build/runtime
