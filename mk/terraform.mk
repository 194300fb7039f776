# Terraform: formatting, validation of every module/example, offline module tests.
# Everything runs through $(TF) (provider mirror) with a per-directory .terraform
# (gitignored); nothing needs AWS credentials or the network.

# Directories holding .tf files (modules and every example, examples/local included when present).
TF_DIRS = $(shell find modules examples -name '*.tf' -not -path '*/.terraform/*' -printf '%h\n' 2>/dev/null | sort -u)
# Modules and examples with terraform test files.
TF_TEST_DIRS = $(shell find modules examples -path '*/tests/*.tftest.hcl' -not -path '*/.terraform/*' -printf '%h\n' 2>/dev/null | xargs -r -n1 dirname | sort -u)
TF_JOBS ?= 2

.PHONY: tf-fmt tf-validate tf-test
tf-fmt: ## terraform fmt -check over modules and examples
	$(TF) fmt -check -recursive modules examples

# Initialise (no backend) and validate one directory; print the init log only on failure.
define tf_validate_dir
set -euo pipefail; d="$$1"; log=$$(mktemp); \
if ! $(TF) -chdir="$$d" init -backend=false -input=false -no-color >"$$log" 2>&1; then cat "$$log"; rm -f "$$log"; echo "tf-validate: init failed in $$d"; exit 1; fi; \
rm -f "$$log"; \
if ! out=$$($(TF) -chdir="$$d" validate -no-color 2>&1); then echo "$$out"; echo "tf-validate: FAILED $$d"; exit 1; fi; \
echo "tf-validate: ok $$d"
endef
export tf_validate_dir

tf-validate: ## terraform init -backend=false + validate in every module and example
	@printf '%s\n' $(TF_DIRS) | xargs -P $(TF_JOBS) -I{} bash -c "$$tf_validate_dir" _ {}

# Initialise and run `terraform test` in one module or example (source-lambda
# tests use the shipped zip, which check-package keeps current).
define tf_test_dir
set -euo pipefail; d="$$1"; \
log=$$(mktemp); \
if ! $(TF) -chdir="$$d" init -backend=false -input=false -no-color >"$$log" 2>&1; then cat "$$log"; rm -f "$$log"; exit 1; fi; \
if ! $(TF) -chdir="$$d" test -no-color >"$$log" 2>&1; then cat "$$log"; rm -f "$$log"; echo "tf-test: FAILED $$d"; exit 1; fi; \
echo "tf-test: $$d: $$(tail -n 1 "$$log")"; rm -f "$$log"
endef
export tf_test_dir

# The modules work with Terraform >= 1.5.7; their tests need more: mock_provider (1.7), override_during (1.11).
TF_TEST_MIN_VERSION := 1.11.0
.PHONY: check-terraform-version
check-terraform-version: ## Fail unless Terraform is recent enough for the module tests (>= 1.11)
	@v=$$($(TF) version -json 2>/dev/null | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).terraform_version)'); \
	if ! printf '%s\n%s\n' "$(TF_TEST_MIN_VERSION)" "$$v" | sort -V -C; then \
	  echo "error: terraform $$v is too old for the module tests (mock_provider needs 1.7, override_during 1.11): install Terraform >= $(TF_TEST_MIN_VERSION)" >&2; exit 1; \
	fi

tf-test: check-terraform-version ## terraform test (mocked AWS provider) in every module/example with tests/
	@printf '%s\n' $(TF_TEST_DIRS) | xargs -P $(TF_JOBS) -I{} bash -c "$$tf_test_dir" _ {}

TEST_TARGETS += tf-fmt tf-validate tf-test

# Module READMEs: Requirements/Resources/Inputs/Outputs tables generated from the .tf files.
.PHONY: module-docs check-module-docs
module-docs: deps ## Regenerate the tables in modules/*/README.md (and example roots with the markers) from versions.tf, variables.tf, outputs.tf
	npx tsx scripts/module-docs.ts

check-module-docs: deps ## Fail when a module README's tables differ from its .tf files
	npx tsx scripts/module-docs.ts --check

TEST_TARGETS += check-module-docs
