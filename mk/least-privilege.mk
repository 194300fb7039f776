# Least privilege, proven: IAM simulation over the policies Terraform renders
# for modules/target-role and modules/source-lambda (test/least-privilege).
LP_DOC := docs/least-privilege.md

.PHONY: test-least-privilege check-least-privilege-doc least-privilege-doc
test-least-privilege: deps check-local-tools ## Least-privilege proof: static check + IAM request matrix over the rendered policies; every preset through the real call on the local stack
	npx jest -c test/least-privilege/jest.config.js

least-privilege-doc: deps ## Regenerate docs/least-privilege.md from a proof run
	npx tsx scripts/least-privilege.ts --out $(LP_DOC)

check-least-privilege-doc: deps ## Fail when docs/least-privilege.md is stale (regenerates to a temp file and diffs)
	@tmp=$$(mktemp); trap 'rm -f "$$tmp"' EXIT; \
	npx tsx scripts/least-privilege.ts --report-only --out "$$tmp"; \
	if ! diff -u $(LP_DOC) "$$tmp" >/dev/null; then \
	  diff -u $(LP_DOC) "$$tmp" | head -40; \
	  echo "$(LP_DOC) is stale: run 'make least-privilege-doc' and commit it" >&2; exit 1; \
	fi; echo "$(LP_DOC) is up to date"

TEST_TARGETS += test-least-privilege check-least-privilege-doc
DOC_TARGETS += least-privilege-doc
