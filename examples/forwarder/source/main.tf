# Source account of examples/forwarder: the function, its execution role, its log group and its function URL.
# Applied on its own with the source account's credentials, before or after ../target: everything it
# needs from the target account (role ARN, queue URL, table, parameter names) is computed from names.
# Run `make build` first: the zip is dist/examples/forwarder/function.zip.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

locals {
  # The same names ../target creates from the same name_prefix.
  queue_name = var.fifo ? "${var.name_prefix}-requests.fifo" : "${var.name_prefix}-requests"
  # The queue URL names the queue (the handler sends to the SDK's SQS endpoint for the target's region).
  queue_url = "https://sqs.${var.target_region}.amazonaws.com/${var.target_account_id}/${local.queue_name}"
}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  source = "../../../modules/source-lambda"

  function_name = var.function_name
  account_id    = var.account_id
  package_path  = var.package_path
  handler       = "index.handler"
  timeout       = 60

  targets = {
    forwarder = {
      # Computed from the target role's fixed name: the role need not exist yet.
      role_arn = "arn:${data.aws_partition.current.partition}:iam::${var.target_account_id}:role/${var.target_role_name}"
      region   = var.target_region
      settings = {
        configParameter     = "/${var.name_prefix}/config"
        credentialParameter = "/${var.name_prefix}/credential"
        configTtlSeconds    = tostring(var.config_ttl_seconds)
        queueUrl            = local.queue_url
        tableName           = "${var.name_prefix}-items"
        tableKey            = "id"
        indexName           = "by-status"
        indexKey            = "status"
      }
    }
  }

  tags = var.tags
}

# AWS_IAM by default: callers sign with SigV4 and need lambda:InvokeFunctionUrl on this function
# (same account: an identity policy; another account: also a resource-based permission).
# The URL forwards writes into another account's queue, so it is not left open to the internet.
resource "aws_lambda_function_url" "this" {
  function_name      = module.source_lambda.function_name
  authorization_type = var.function_url_auth_type
  invoke_mode        = "BUFFERED"
}

# Only with authorization_type NONE: Lambda still requires a resource-based permission for public URLs.
resource "aws_lambda_permission" "public_url" {
  count = var.function_url_auth_type == "NONE" ? 1 : 0

  statement_id           = "FunctionUrlPublic"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = module.source_lambda.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}
