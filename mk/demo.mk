# The examples on the local stack: `make demo` runs every scenario (scripts/demo/scenarios.ts), `make test-integration` asserts the Pinpoint flow in depth.
# Both start moto + the gateway, apply Terraform into the stack accounts, run the real bundles, destroy, stop.
.PHONY: demo test-integration

TEST_TARGETS += test-integration

demo: deps build check-local-tools ## Every example end to end on the local stack, concurrently (EXAMPLE=<name> for one): allowed calls, refusals, destroy (no AWS account needed)
	npx tsx scripts/demo.ts

test-integration: deps build check-local-tools ## Integration tests: the same flow plus trust/ExternalId/region refusals, credential expiry, clean destroy
	npx jest -c test/integration/jest.config.js --runInBand
