# Target account of examples/forwarder: what the forwarder reaches, and the role it assumes.
# Applied on its own with the target account's credentials, before or after ../source.
#
#   SSM   /<name_prefix>/config      String       JSON configuration
#         /<name_prefix>/credential  SecureString the signing credential, encrypted with the key below
#   KMS   a customer-managed key (SecureString encryption)
#   SQS   <name_prefix>-requests[.fifo]           POST/PATCH bodies land here
#   DynamoDB <name_prefix>-items (key id) + GSI by-status (key status)   GET reads here
#   IAM   <role_name>: trusted by the source account's execution role; ssm_read, sqs_send, dynamodb_read

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

locals {
  config_parameter     = "/${var.name_prefix}/config"
  credential_parameter = "/${var.name_prefix}/credential"
  queue_name           = var.fifo ? "${var.name_prefix}-requests.fifo" : "${var.name_prefix}-requests"
  table_name           = "${var.name_prefix}-items"
  index_name           = "by-status"
}

resource "aws_kms_key" "ssm" {
  description             = "${var.name_prefix}: encrypts the forwarder's SecureString credential"
  deletion_window_in_days = 7
  enable_key_rotation     = true
  # No key policy given: AWS's default one lets this account's IAM policies grant the key,
  # which is what the target role's ssm_read preset does (kms:Decrypt via SSM only).
  tags = var.tags
}

resource "aws_ssm_parameter" "config" {
  name  = local.config_parameter
  type  = "String"
  value = jsonencode({ source = var.config_source, queryLimit = var.query_limit })
  tags  = var.tags
}

resource "aws_ssm_parameter" "credential" {
  name   = local.credential_parameter
  type   = "SecureString"
  key_id = aws_kms_key.ssm.arn
  value  = var.credential_value
  tags   = var.tags
}

resource "aws_sqs_queue" "requests" {
  name                        = local.queue_name
  fifo_queue                  = var.fifo ? true : null
  content_based_deduplication = var.fifo ? false : null
  sqs_managed_sse_enabled     = true
  message_retention_seconds   = 345600
  tags                        = var.tags
}

resource "aws_dynamodb_table" "items" {
  name         = local.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "status"
    type = "S"
  }

  global_secondary_index {
    name            = local.index_name
    hash_key        = "status"
    projection_type = "ALL"
  }

  tags = var.tags
}

module "target_role" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  lambda_account_id = var.lambda_account_id
  role_name         = var.role_name

  # Computed from names, not read from the source account's state: the
  # execution role need not exist yet (root + aws:PrincipalArn trust).
  trusted_role_arns = ["arn:${data.aws_partition.current.partition}:iam::${var.lambda_account_id}:role${var.execution_role_path}${var.execution_role_name}"]

  permissions = {
    # Exactly the two parameters (and anything below them), the key only through SSM.
    ssm_read = {
      resources    = [aws_ssm_parameter.config.name, aws_ssm_parameter.credential.name]
      kms_key_arns = [aws_kms_key.ssm.arn]
    }
    sqs_send = {
      resources = [aws_sqs_queue.requests.name]
    }
    dynamodb_read = {
      resources = [aws_dynamodb_table.items.name]
      indexes   = [local.index_name]
    }
  }

  tags = var.tags
}
