# Lambda runtime package and the shipped function: bundle, package, tests. See lambda/README.md.
SHIPPED_ZIP := modules/source-lambda/package/function.zip

.PHONY: build build-lib package check-package test-lambda check-reproducible test-consumer
build: deps ## Bundle the Lambda (dist/index.js) and write dist/function.zip
	node scripts/build.mjs

build-lib: deps ## Compile the runtime package (lambda/src -> lambda/dist: JS + .d.ts)
	cd lambda && npm run build

package: build ## Build and copy the zip to modules/source-lambda/package/function.zip (commit it)
	mkdir -p $(dir $(SHIPPED_ZIP))
	cp dist/function.zip $(SHIPPED_ZIP)
	@echo "packaged $(SHIPPED_ZIP) sha256 $$(sha256sum $(SHIPPED_ZIP) | cut -d' ' -f1)"

check-package: build ## Fail if the shipped zip differs from a fresh build
	@test -f $(SHIPPED_ZIP) || { echo "$(SHIPPED_ZIP) is missing: run make package"; exit 1; }
	@if ! cmp -s dist/function.zip $(SHIPPED_ZIP); then \
	  echo "$(SHIPPED_ZIP) is stale (its content differs from a fresh build of lambda/): run make package and commit it"; \
	  exit 1; \
	fi
	@echo "check-package: $(SHIPPED_ZIP) matches a fresh build"

test-lambda: deps ## Lambda unit tests (jest project "lambda")
	npx jest -c lambda/jest.config.js

check-reproducible: deps ## Build twice into separate dirs and compare zip sha256
	node scripts/build.mjs --outdir .cache/repro-a >/dev/null
	node scripts/build.mjs --outdir .cache/repro-b >/dev/null
	@a=$$(sha256sum .cache/repro-a/function.zip | cut -d' ' -f1); b=$$(sha256sum .cache/repro-b/function.zip | cut -d' ' -f1); \
	if [ "$$a" != "$$b" ]; then echo "builds differ: $$a vs $$b"; exit 1; fi; \
	echo "check-reproducible: two builds give sha256 $$a"

test-consumer: deps ## The runtime as a user gets it: npm pack -> npm install in an empty folder -> strict typecheck, bundle, run; npm publish --dry-run
	npx tsx lambda/test/consumer/consumer.ts

TEST_TARGETS += check-package test-lambda check-reproducible test-consumer
