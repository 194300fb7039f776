# Offline smoke test of the example with mocked providers (make tf-test).
mock_provider "aws" {
  alias = "source"
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
    defaults = { arn = "arn:aws:iam::111111111111:role/cross-account-endpoints" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::111111111111:policy/cross-account-endpoints-assume-targets" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/cross-account-endpoints" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:eu-west-1:111111111111:function:cross-account-endpoints" }
  }
}

mock_provider "aws" {
  alias = "target"
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "222222222222" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints" }
  }
}

run "both_accounts_wired" {
  command = apply

  assert {
    condition     = jsondecode(module.target_role.trust_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == [output.execution_role_arn]
    error_message = "The target role must trust exactly the function's execution role."
  }

  assert {
    condition     = jsondecode(module.source_lambda.assume_targets_policy).Statement[0].Resource == [output.target_role_arn]
    error_message = "The execution role must be allowed to assume exactly the target role."
  }

  assert {
    condition     = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS)["eu-marketing"].roleArn == output.target_role_arn
    error_message = "The function must be configured with the target role."
  }
}
