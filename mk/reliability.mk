# Reliability: bad-input corpus, fault matrix through the fault proxy, secret scan,
# Terraform validation coverage. Needs the bundle (build) and one provisioned local
# stack (started by the tests). The tests leave their results in .cache/reliability/;
# test/reliability/write-report.ts renders docs/reliability.md + docs/reliability.json
# from them: `make reliability-doc` writes them, `make test-reliability` only checks
# that the committed ones match (measured times aside) and never writes a tracked file.
RELIABILITY_JEST := npx jest -c test/reliability/jest.config.js

.PHONY: test-reliability reliability-doc check-reliability-doc
test-reliability: deps build ## Faults and bad input on the real bundle; fails if docs/reliability.{md,json} are stale
	rm -rf .cache/reliability
	status=0; $(RELIABILITY_JEST) || status=$$?; \
	npx tsx test/reliability/write-report.ts --check || status=1; \
	exit $$status

reliability-doc: deps build ## Run the reliability suite and write docs/reliability.md + docs/reliability.json (commit them)
	rm -rf .cache/reliability
	status=0; $(RELIABILITY_JEST) || status=$$?; \
	npx tsx test/reliability/write-report.ts --write || status=1; \
	exit $$status

check-reliability-doc: deps ## Compare docs/reliability.{md,json} with the last reliability run's results (no new run)
	npx tsx test/reliability/write-report.ts --check

TEST_TARGETS += test-reliability
DOC_TARGETS += reliability-doc
