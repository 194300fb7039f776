# Offline test of the source root with a mocked provider (make tf-test): the function targets both
# roles by computed ARN with each target's settings, and every validation rule fails on bad input.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111111111111" }
  }
  mock_data "aws_region" {
    defaults = { id = "eu-west-1", name = "eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111111111111:role/s3-multi-account-reporter" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::111111111111:policy/s3-multi-account-reporter-assume-targets" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/s3-multi-account-reporter" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:eu-west-1:111111111111:function:s3-multi-account-reporter" }
  }
}

# Any existing zip: the example's own is built by `make build`, which tf-test does not run.
variables {
  package_path = "../../../modules/source-lambda/package/function.zip"
}

run "targets_both_accounts_by_computed_role_arn" {
  command = apply

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS) == {
      b = {
        roleArn  = "arn:aws:iam::222222222222:role/s3-multi-account-reader"
        region   = "eu-west-1"
        settings = { bucket = "s3-multi-account-data-222222222222", readPrefix = "incoming/", reportPrefix = "reports/" }
      }
      c = {
        roleArn  = "arn:aws:iam::333333333333:role/s3-multi-account-reader"
        region   = "eu-west-1"
        settings = { bucket = "s3-multi-account-data-333333333333", readPrefix = "incoming/", reportPrefix = "reports/" }
      }
    }
    error_message = "The function must target both roles (ARNs computed from account and name) with each bucket and prefix."
  }

  assert {
    condition = toset(flatten([for s in jsondecode(output.assume_targets_policy).Statement : s.Resource])) == toset([
      "arn:aws:iam::222222222222:role/s3-multi-account-reader",
      "arn:aws:iam::333333333333:role/s3-multi-account-reader",
    ])
    error_message = "The execution role may assume exactly the two target roles."
  }
}

run "adds_the_trailing_slash_and_honours_a_role_path" {
  command = apply

  variables {
    targets = {
      b = { account_id = "222222222222", role_name = "reader", role_path = "/integrations/", region = "us-east-1", bucket = "data-b", read_prefix = "in", report_prefix = "out" }
    }
  }

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS).b == {
      roleArn  = "arn:aws:iam::222222222222:role/integrations/reader"
      region   = "us-east-1"
      settings = { bucket = "data-b", readPrefix = "in/", reportPrefix = "out/" }
    }
    error_message = "Prefixes must end in a slash and the role ARN must carry the role path."
  }
}

run "rejects_no_targets" {
  command = plan
  variables { targets = {} }
  expect_failures = [var.targets]
}

run "rejects_a_target_in_the_source_account" {
  command = plan
  variables {
    targets = { b = { account_id = "111111111111", role_name = "reader", region = "eu-west-1", bucket = "data-b", read_prefix = "in/", report_prefix = "out/" } }
  }
  expect_failures = [var.targets]
}

run "rejects_a_bad_role_name" {
  command = plan
  variables {
    targets = { b = { account_id = "222222222222", role_name = "reader role", region = "eu-west-1", bucket = "data-b", read_prefix = "in/", report_prefix = "out/" } }
  }
  expect_failures = [var.targets]
}

run "rejects_a_bad_target_region" {
  command = plan
  variables {
    targets = { b = { account_id = "222222222222", role_name = "reader", region = "eu", bucket = "data-b", read_prefix = "in/", report_prefix = "out/" } }
  }
  expect_failures = [var.targets]
}

run "rejects_a_bad_bucket" {
  command = plan
  variables {
    targets = { b = { account_id = "222222222222", role_name = "reader", region = "eu-west-1", bucket = "Data_B", read_prefix = "in/", report_prefix = "out/" } }
  }
  expect_failures = [var.targets]
}

run "rejects_a_wildcard_prefix" {
  command = plan
  variables {
    targets = { b = { account_id = "222222222222", role_name = "reader", region = "eu-west-1", bucket = "data-b", read_prefix = "in/*", report_prefix = "out/" } }
  }
  expect_failures = [var.targets]
}

run "rejects_a_package_that_is_not_a_zip" {
  command = plan
  variables { package_path = "dist/index.js" }
  expect_failures = [var.package_path]
}

run "rejects_a_bad_function_name" {
  command = plan
  variables { function_name = "my function" }
  expect_failures = [var.function_name]
}

run "rejects_a_bad_account_id" {
  command = plan
  variables { account_id = "1111" }
  expect_failures = [var.account_id]
}

run "rejects_a_bad_region" {
  command = plan
  variables { region = "Europe" }
  expect_failures = [var.region]
}
