# Benchmarks: this function against the approaches users would otherwise pick. See docs/benchmarks.md.
# Parameters: BENCH_ARGS="--sequential=1000 --concurrent=100 --sts-latency-ms=30 ..." or BENCH_* variables.
BENCH_ARGS ?=

.PHONY: bench bench-readme bench-smoke check-bundles
bench: build ## Full benchmark (under 10 min on 2 cores): prints the figures, regenerates docs/benchmarks.{md,json}, the chart and README's figures
	npx tsx bench/src/run.ts $(BENCH_ARGS)
	$(MAKE) --no-print-directory bench-readme

bench-readme: deps ## Rewrite README.md's benchmark figures from docs/benchmarks.json (no measuring)
	npx tsx bench/src/readme.ts

bench-smoke: build ## Smoke run of the benchmark harness (tiny counts; checks shapes and STS call counts, no timings)
	npx jest -c bench/jest.config.js test/smoke test/goals test/readme

check-bundles: build ## Fail if a bundle's esbuild metafile (dist/**/*.meta.json) shows an unused credential provider
	npx jest -c bench/jest.config.js test/bundle-contents test/shrink

TEST_TARGETS += bench-smoke check-bundles
