# Customer Profiles function (lambda/functions/customer-profiles): unit, emulator and contract-parity tests.
.PHONY: test-customer-profiles

TEST_TARGETS += test-customer-profiles

test-customer-profiles: deps ## Customer Profiles function tests (jest project "customer-profiles", emulator on loopback)
	npx jest -c lambda/functions/customer-profiles/jest.config.js
