# Offline test of the target root with a mocked provider (make tf-test): names, the FIFO variant,
# the role's grants (the README's table) and the input rules.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "222222222222" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::222222222222:role/forwarder-target" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
  }
}

variables {
  credential_value = "0123456789abcdef0123456789abcdef"
}

run "standard_queue_and_the_readme_grants" {
  command = apply

  assert {
    condition     = aws_sqs_queue.requests.name == "forwarder-requests" && aws_sqs_queue.requests.fifo_queue != true
    error_message = "The default queue is the standard forwarder-requests."
  }

  assert {
    condition     = aws_ssm_parameter.credential.type == "SecureString" && aws_ssm_parameter.credential.key_id == aws_kms_key.ssm.arn && aws_ssm_parameter.config.type == "String"
    error_message = "The credential is a SecureString under the customer-managed key; the config a String."
  }

  assert {
    condition     = jsondecode(aws_ssm_parameter.config.value) == { source = "forwarder", queryLimit = 25 }
    error_message = "The config parameter holds the JSON the handler reads."
  }

  assert {
    condition     = sort([for s in jsondecode(output.permissions_policy).Statement : s.Sid]) == tolist(["DynamoDbRead", "DynamoDbReadIndexes", "SqsSend", "SsmRead", "SsmReadByPath", "SsmReadKms"])
    error_message = "The role has exactly the statements the README lists."
  }

  assert {
    condition = [for s in jsondecode(output.permissions_policy).Statement : s.Resource if s.Sid == "SsmRead"][0] == [
      "arn:aws:ssm:us-east-1:222222222222:parameter/forwarder/config",
      "arn:aws:ssm:us-east-1:222222222222:parameter/forwarder/config/*",
      "arn:aws:ssm:us-east-1:222222222222:parameter/forwarder/credential",
      "arn:aws:ssm:us-east-1:222222222222:parameter/forwarder/credential/*",
    ]
    error_message = "SsmRead covers exactly the two parameters."
  }

  assert {
    condition     = [for s in jsondecode(output.permissions_policy).Statement : s.Condition if s.Sid == "SsmReadKms"][0] == { StringEquals = { "kms:ViaService" = "ssm.us-east-1.amazonaws.com" } }
    error_message = "kms:Decrypt only through SSM."
  }

  assert {
    condition     = [for s in jsondecode(output.permissions_policy).Statement : s.Resource if s.Sid == "DynamoDbReadIndexes"][0] == ["arn:aws:dynamodb:us-east-1:222222222222:table/forwarder-items/index/by-status"]
    error_message = "Query on the GSI is granted on its index ARN."
  }
}

run "fifo_variant" {
  command = apply

  variables {
    fifo = true
  }

  assert {
    condition     = aws_sqs_queue.requests.name == "forwarder-requests.fifo" && aws_sqs_queue.requests.fifo_queue == true && aws_sqs_queue.requests.content_based_deduplication == false
    error_message = "fifo = true makes forwarder-requests.fifo with explicit deduplication ids."
  }

  assert {
    condition     = [for s in jsondecode(output.permissions_policy).Statement : s.Resource if s.Sid == "SqsSend"][0] == ["arn:aws:sqs:us-east-1:222222222222:forwarder-requests.fifo"]
    error_message = "SqsSend names the FIFO queue."
  }
}

run "rejects_a_bad_name_prefix" {
  command = plan

  variables {
    name_prefix = "Bad_Prefix"
  }

  expect_failures = [var.name_prefix]
}

run "rejects_a_short_credential" {
  command = plan

  variables {
    credential_value = "short"
  }

  expect_failures = [var.credential_value]
}
