# Offline tests of the example root with a mocked provider (make tf-test): what it renders,
# and a passing and a failing value for every validation rule.
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
    defaults = { arn = "arn:aws:iam::111111111111:role/customer-profiles-endpoints" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::111111111111:policy/customer-profiles-endpoints-assume-targets" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/customer-profiles-endpoints" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:eu-west-1:111111111111:function:customer-profiles-endpoints" }
  }
}

run "shipped_customer_profiles_function_on_the_domain" {
  command = plan

  variables {
    domain_name = "crm-eu"
    external_id = "crm-external-id"
  }

  assert {
    condition     = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS)["eu-crm"].settings == { customerProfilesDomain = "crm-eu" }
    error_message = "The target must carry the domain as settings.customerProfilesDomain."
  }

  assert {
    condition     = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS)["eu-crm"].roleArn == "arn:aws:iam::222222222222:role/customer-profiles-endpoints"
    error_message = "The target role ARN must be computed from target_account_id and target_role_name."
  }

  assert {
    condition     = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS)["eu-crm"].externalId == "crm-external-id"
    error_message = "The external id must reach the function."
  }

  assert {
    condition     = module.source_lambda.function_name == "customer-profiles-endpoints"
    error_message = "The function keeps its configured name (the target side trusts its role by that name)."
  }
}

run "rejects_region" {
  command = plan
  variables {
    region = "Europe"
  }
  expect_failures = [var.region]
}

run "rejects_account_id" {
  command = plan
  variables {
    account_id = "1111"
  }
  expect_failures = [var.account_id]
}

run "rejects_function_name" {
  command = plan
  variables {
    function_name = "has space"
  }
  expect_failures = [var.function_name]
}

run "rejects_timeout_below_60" {
  command = plan
  variables {
    timeout = 30
  }
  expect_failures = [var.timeout]
}

run "rejects_timeout_above_900" {
  command = plan
  variables {
    timeout = 901
  }
  expect_failures = [var.timeout]
}

run "rejects_target_name" {
  command = plan
  variables {
    target_name = "eu crm"
  }
  expect_failures = [var.target_name]
}

run "rejects_target_account_id" {
  command = plan
  variables {
    target_account_id = "2222"
  }
  expect_failures = [var.target_account_id]
}

run "rejects_target_role_name" {
  command = plan
  variables {
    target_role_name = "role/with/slash"
  }
  expect_failures = [var.target_role_name]
}

run "rejects_target_region" {
  command = plan
  variables {
    target_region = "Europe"
  }
  expect_failures = [var.target_region]
}

run "rejects_domain_name" {
  command = plan
  variables {
    domain_name = "crm.eu"
  }
  expect_failures = [var.domain_name]
}

run "rejects_short_external_id" {
  command = plan
  variables {
    external_id = "x"
  }
  expect_failures = [var.external_id]
}
