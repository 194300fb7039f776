# Cross-account Lambda access: build, test, demo, bench.
# The README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

TF := ./scripts/terraform.sh
NODE_DEPS := node_modules/.package-lock.json

# Area fragments add their own targets and append to TEST_TARGETS (checks run by
# `make test`) and DOC_TARGETS (writers of generated documents run by `make docs`).
TEST_TARGETS :=
DOC_TARGETS :=

.PHONY: help deps build typecheck lint test test-unit docs clean-tree-start check-clean-tree
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  %-22s %s\n", $$1, $$2}'

deps: $(NODE_DEPS) ## Install Node dependencies (npm ci) when missing or stale

$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

typecheck: deps ## TypeScript type check (strict)
	npx tsc --noEmit -p tsconfig.json

lint: deps ## ESLint over all TypeScript and JavaScript
	npx eslint .

include $(sort $(wildcard mk/*.mk))

# The clean-tree pair brackets everything else: the snapshot first, the comparison last.
test: clean-tree-start deps typecheck lint $(TEST_TARGETS) check-clean-tree ## Everything: typecheck, lint, terraform checks, all tests; fails if it changed the tree
	@echo "make test: all checks passed"

clean-tree-start: ## Record the working tree (tracked + untracked, not ignored) for check-clean-tree
	@scripts/clean-tree.sh start

check-clean-tree: ## Fail if a file changed since clean-tree-start (your own earlier edits do not count)
	@scripts/clean-tree.sh check

# Serial make runs test's prerequisites left to right; under make -j, keep the
# snapshot first and the comparison last explicitly.
ifneq ($(filter test,$(MAKECMDGOALS)),)
deps typecheck lint $(TEST_TARGETS): | clean-tree-start
check-clean-tree: deps typecheck lint $(TEST_TARGETS)
endif

docs: $(DOC_TARGETS) ## Regenerate the generated documents (docs/reliability.*, docs/least-privilege.md; benchmarks: make bench)
	@echo "make docs: $(DOC_TARGETS) done; review and commit docs/"
