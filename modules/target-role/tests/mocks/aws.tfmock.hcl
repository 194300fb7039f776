# The mocked AWS provider every target-role test file uses (mock_provider "aws" { source = "./tests/mocks" }).
mock_data "aws_partition" {
  defaults = {
    partition  = "aws"
    dns_suffix = "amazonaws.com"
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "222222222222"
    arn        = "arn:aws:iam::222222222222:user/deployer"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn       = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
    unique_id = "AROAEXAMPLEUNIQUEID01"
  }
}
