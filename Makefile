# The two commands for a new machine: `make demo` composes every sample issue under seeds/ into out/,
# `make test` runs the whole test suite. Each sets up what it needs first (scripts/setup.sh).
.PHONY: demo test setup bench

VENV := .venv
BIN := $(VENV)/bin

setup:
	@bash scripts/setup.sh

demo: setup
	@mkdir -p out
	@set -e; for d in seeds/*/; do \
	  name=$$(basename $$d); \
	  $(BIN)/issuepress compose $$d -o out/$$name.pdf --preview; \
	done

test: setup
	@$(BIN)/python -m pytest -p no:cacheprovider

bench: setup
	@$(BIN)/python bench/compose.py
