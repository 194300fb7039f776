# The example systems (examples/<name>/): their handlers are bundled by `make build`
# (dist/examples/<name>/), their tests apply both roots on the local stack.
.PHONY: test-examples

TEST_TARGETS += test-examples

test-examples: deps build check-local-tools ## Every example end to end on the local stack (EXAMPLE=<name> for one)
	npx jest -c examples/jest.config.js --passWithNoTests $(if $(EXAMPLE),--testPathPattern 'examples/$(EXAMPLE)/',)
