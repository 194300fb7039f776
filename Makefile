# Cross-account Lambda access: build, test, demo, bench.
# The README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

TF := ./scripts/terraform.sh
NODE_DEPS := node_modules/.package-lock.json

# Area fragments add their own targets and append to TEST_TARGETS.
TEST_TARGETS :=

.PHONY: help deps build typecheck lint test test-unit
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

test: deps typecheck lint $(TEST_TARGETS) ## Everything: typecheck, lint, terraform checks, all tests
	@echo "make test: all checks passed"
