# Offline smoke test of the example with a mocked provider (make tf-test).
mock_provider "aws" {
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

run "trusts_the_source_execution_role_by_computed_arn" {
  command = apply

  assert {
    condition     = jsondecode(output.trust_policy).Statement[0].Principal.AWS == "arn:aws:iam::111111111111:root"
    error_message = "Trust principal must be the source account root."
  }

  assert {
    condition     = jsondecode(output.trust_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == ["arn:aws:iam::111111111111:role/cross-account-endpoints"]
    error_message = "Trust must name the execution role computed from lambda_account_id and execution_role_name."
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
    error_message = "role_arn must be the role the source side computes."
  }
}
