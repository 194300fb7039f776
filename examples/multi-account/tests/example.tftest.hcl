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
  alias = "target_a"
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

mock_provider "aws" {
  alias = "target_b"
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "333333333333" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::333333333333:role/cross-account-pinpoint-endpoints" }
  }
}

run "one_function_two_target_accounts" {
  command = apply

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS) == {
      eu-marketing = {
        roleArn  = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
        region   = "eu-west-1"
        settings = { pinpointAppId = "0123456789abcdef0123456789abcdef" }
      }
      us-sales = {
        roleArn    = "arn:aws:iam::333333333333:role/cross-account-pinpoint-endpoints"
        region     = "us-east-1"
        settings   = { pinpointAppId = "fedcba9876543210fedcba9876543210" }
        externalId = "us-sales-endpoints"
      }
    }
    error_message = "The function must be configured with both target accounts."
  }

  assert {
    condition     = tolist(jsondecode(module.source_lambda.assume_targets_policy).Statement[0].Resource) == sort(values(output.target_role_arns))
    error_message = "The execution role must be allowed to assume exactly the two target roles."
  }

  assert {
    condition = alltrue([
      for m in [module.target_a, module.target_b] :
      jsondecode(m.trust_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == [output.execution_role_arn]
    ])
    error_message = "Both target roles must trust exactly the function's execution role."
  }

  assert {
    condition     = jsondecode(module.target_b.trust_policy).Statement[0].Condition.StringEquals["sts:ExternalId"] == "us-sales-endpoints" && !contains(keys(jsondecode(module.target_a.trust_policy).Statement[0].Condition), "StringEquals")
    error_message = "Only target b requires the external id."
  }

  assert {
    condition     = jsondecode(module.target_b.permissions_policy).Statement[0].Resource == ["arn:aws:mobiletargeting:us-east-1:333333333333:apps/fedcba9876543210fedcba9876543210/endpoints/*"]
    error_message = "Target b's role must be scoped to its own app and region."
  }
}
