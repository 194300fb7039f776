# Offline test of the source root with a mocked provider (make tf-test): the settings computed from
# names, the function URL's authorization, the input rules. Uses the module's shipped zip as the package.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111111111111" }
  }
  mock_data "aws_region" {
    defaults = { id = "us-east-1", name = "us-east-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111111111111:role/forwarder" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::111111111111:policy/forwarder-assume-targets" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/forwarder" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:us-east-1:111111111111:function:forwarder" }
  }
}

variables {
  package_path = "../../../modules/source-lambda/package/function.zip"
}

run "settings_computed_from_names" {
  command = apply

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS).forwarder == {
      roleArn = "arn:aws:iam::222222222222:role/forwarder-target"
      region  = "us-east-1"
      settings = {
        configParameter     = "/forwarder/config"
        credentialParameter = "/forwarder/credential"
        configTtlSeconds    = "300"
        queueUrl            = "https://sqs.us-east-1.amazonaws.com/222222222222/forwarder-requests"
        tableName           = "forwarder-items"
        tableKey            = "id"
        indexName           = "by-status"
        indexKey            = "status"
      }
    }
    error_message = "The target and its settings are computed from the target's names, not read from its state."
  }

  assert {
    condition     = aws_lambda_function_url.this.authorization_type == "AWS_IAM" && length(aws_lambda_permission.public_url) == 0
    error_message = "The function URL is AWS_IAM by default, with no public permission."
  }
}

run "fifo_queue_url_and_public_url" {
  command = apply

  variables {
    fifo                   = true
    function_url_auth_type = "NONE"
  }

  assert {
    condition     = endswith(jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS).forwarder.settings.queueUrl, "/forwarder-requests.fifo")
    error_message = "fifo = true points the function at the .fifo queue."
  }

  assert {
    condition     = length(aws_lambda_permission.public_url) == 1 && aws_lambda_permission.public_url[0].function_url_auth_type == "NONE"
    error_message = "A public URL gets the resource-based permission Lambda requires."
  }
}

run "rejects_an_unknown_auth_type" {
  command = plan

  variables {
    function_url_auth_type = "PUBLIC"
  }

  expect_failures = [var.function_url_auth_type]
}
