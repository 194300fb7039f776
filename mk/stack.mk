# Local AWS stack (moto + TypeScript gateway with IAM enforcement and a Pinpoint emulator).
.PHONY: test-stack stack check-stack-tools check-local-tools

TEST_TARGETS += test-stack

check-stack-tools: ## Check what the local stack needs (python3, moto_server)
	@command -v python3 >/dev/null || { echo 'error: python3 is missing: install Python 3 (e.g. apt-get install python3 python3-pip)' >&2; exit 1; }
	@command -v moto_server >/dev/null || { echo 'error: moto_server is missing: pip install "moto[server]"' >&2; exit 1; }

check-local-tools: check-stack-tools ## Check every local tool (python3, moto_server, terraform)
	@command -v terraform >/dev/null || { echo 'error: terraform is missing: install Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install)' >&2; exit 1; }
	@echo "local tools: python3, moto_server, terraform found"

test-stack: deps check-stack-tools ## Local stack tests (each file starts and stops its own moto)
	npx jest -c stack/jest.config.js

stack: deps check-stack-tools ## Run the local stack in the foreground (Ctrl-C stops it)
	npx tsx stack/src/cli.ts
