# Lambda runtime package and the shipped functions: bundle, package, tests. See lambda/README.md.
# Each shipped zip: <fresh build under dist/> -> <committed copy under modules/source-lambda/package/>.
SHIPPED_ZIP := modules/source-lambda/package/function.zip
CP_SHIPPED_ZIP := modules/source-lambda/package/customer-profiles.zip
SHIPPED_ZIPS := dist/function.zip=$(SHIPPED_ZIP) dist/customer-profiles/customer-profiles.zip=$(CP_SHIPPED_ZIP)

.PHONY: build build-lib package check-package test-lambda check-reproducible test-consumer
build: deps ## Bundle the shipped functions: dist/index.js + dist/function.zip (Pinpoint), dist/customer-profiles/ (Customer Profiles)
	node scripts/build.mjs

build-lib: deps ## Compile the runtime package (lambda/src -> lambda/dist: JS + .d.ts)
	cd lambda && npm run build

package: build ## Build and copy the zips to modules/source-lambda/package/ (function.zip, customer-profiles.zip; commit them)
	mkdir -p $(dir $(SHIPPED_ZIP))
	@for pair in $(SHIPPED_ZIPS); do \
	  built=$${pair%%=*}; shipped=$${pair#*=}; \
	  cp "$$built" "$$shipped"; \
	  echo "packaged $$shipped sha256 $$(sha256sum "$$shipped" | cut -d' ' -f1)"; \
	done

check-package: build ## Fail if a shipped zip differs from a fresh build
	@for pair in $(SHIPPED_ZIPS); do \
	  built=$${pair%%=*}; shipped=$${pair#*=}; \
	  test -f "$$shipped" || { echo "$$shipped is missing: run make package"; exit 1; }; \
	  if ! cmp -s "$$built" "$$shipped"; then \
	    echo "$$shipped is stale (its content differs from a fresh build of lambda/): run make package and commit it"; \
	    exit 1; \
	  fi; \
	  echo "check-package: $$shipped matches a fresh build"; \
	done

test-lambda: deps ## Lambda unit tests (jest project "lambda")
	npx jest -c lambda/jest.config.js

check-reproducible: deps ## Build twice into separate dirs and compare zip sha256
	node scripts/build.mjs --outdir .cache/repro-a >/dev/null
	node scripts/build.mjs --outdir .cache/repro-b >/dev/null
	@for zip in function.zip customer-profiles/customer-profiles.zip; do \
	  a=$$(sha256sum .cache/repro-a/$$zip | cut -d' ' -f1); b=$$(sha256sum .cache/repro-b/$$zip | cut -d' ' -f1); \
	  if [ "$$a" != "$$b" ]; then echo "builds of $$zip differ: $$a vs $$b"; exit 1; fi; \
	  echo "check-reproducible: two builds of $$zip give sha256 $$a"; \
	done

test-consumer: deps ## The runtime as a user gets it: npm pack -> npm install in an empty folder -> strict typecheck, bundle, run; npm publish --dry-run
	npx tsx lambda/test/consumer/consumer.ts

TEST_TARGETS += check-package test-lambda check-reproducible test-consumer
