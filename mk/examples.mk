# The example systems (examples/<name>/): their handlers are bundled by `make build`
# (dist/examples/<name>/), their tests apply both roots on the local stack.
.PHONY: test-examples

TEST_TARGETS += test-examples

# Two workers: each test file starts its own stack, and most of their time is Terraform and the
# provider waiting on resources (queues, streams), so two files at once nearly halve the wall time.
test-examples: deps build check-local-tools ## Every example end to end on the local stack (EXAMPLE=<name> for one)
	npx jest -c examples/jest.config.js --maxWorkers=2 --passWithNoTests $(if $(EXAMPLE),--testPathPattern 'examples/$(EXAMPLE)/',)
