# Reliability: bad-input corpus, fault matrix through the fault proxy, secret scan,
# Terraform validation coverage, the fault matrix of every service through the runtime
# library, and what test/reliability/extras.ts wires in (the Kinesis->IoT soak: 10,000
# records here for the documents, 1,000 in make test). Needs the bundle (build); the
# tests start their own local stacks. The tests leave their results in .cache/reliability/;
# test/reliability/write-report.ts renders docs/reliability.md + docs/reliability.json
# from them: `make reliability-doc` writes them, `make test-reliability` only checks
# that the committed ones match (measured times aside) and never writes a tracked file.
RELIABILITY_JEST := npx jest -c test/reliability/jest.config.js

.PHONY: test-reliability reliability-doc check-reliability-doc
test-reliability: deps build ## Faults and bad input on the real bundle and every service; fails if docs/reliability.{md,json} are stale
	rm -rf .cache/reliability
	status=0; RELIABILITY_SOAK_RECORDS=1000 $(RELIABILITY_JEST) || status=$$?; \
	npx tsx test/reliability/write-report.ts --check || status=1; \
	exit $$status

reliability-doc: deps build ## Run the reliability suite and write docs/reliability.md + docs/reliability.json (commit them)
	rm -rf .cache/reliability
	status=0; RELIABILITY_SOAK_RECORDS=10000 $(RELIABILITY_JEST) || status=$$?; \
	npx tsx test/reliability/write-report.ts --write || status=1; \
	exit $$status

check-reliability-doc: deps ## Compare docs/reliability.{md,json} with the last reliability run's results (no new run)
	npx tsx test/reliability/write-report.ts --check

TEST_TARGETS += test-reliability
DOC_TARGETS += reliability-doc
