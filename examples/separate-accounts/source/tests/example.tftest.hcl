# Offline smoke test of the example with a mocked provider (make tf-test).
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

run "targets_the_computed_target_role" {
  command = apply

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS) == {
      eu-marketing = {
        roleArn  = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
        region   = "eu-west-1"
        settings = { pinpointAppId = "0123456789abcdef0123456789abcdef" }
      }
    }
    error_message = "The function must target the role ARN computed from target_account_id and target_role_name."
  }

  assert {
    condition     = output.execution_role_arn == "arn:aws:iam::111111111111:role/${output.function_name}"
    error_message = "The execution role must be named after the function (what the target side trusts)."
  }
}
