# The cross-account flow on the local stack: `make demo` shows it, `make test-integration` asserts it.
# Both start moto + the gateway, apply examples/local with Terraform, run the real bundle, destroy, stop.
.PHONY: demo test-integration

TEST_TARGETS += test-integration

demo: deps build check-local-tools ## Cross-account flow end to end on the local stack: update, read back, two refusals (no AWS account needed)
	npx tsx scripts/demo.ts

test-integration: deps build check-local-tools ## Integration tests: the same flow plus trust/ExternalId/region refusals, credential expiry, clean destroy
	npx jest -c test/integration/jest.config.js --runInBand
