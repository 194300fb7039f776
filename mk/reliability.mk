# Reliability: bad-input corpus, fault matrix through the fault proxy, secret scan,
# Terraform validation coverage. Needs the bundle (build) and one provisioned local
# stack (started by the tests). Writes docs/reliability.md from what the run observed,
# whether it passed or not, then fails if jest failed.
.PHONY: test-reliability
test-reliability: deps build ## Faults and bad input on the real bundle; regenerates docs/reliability.md
	rm -rf .cache/reliability
	status=0; npx jest -c test/reliability/jest.config.js || status=$$?; \
	npx tsx test/reliability/write-report.ts || status=1; \
	exit $$status

TEST_TARGETS += test-reliability
