# Target account: the role the source account's Kinesis consumer assumes to
# publish below one IoT topic prefix. Applied on its own with the target
# account's credentials, before or after ../source.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
}

module "target_role" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  lambda_account_id = var.source_account_id
  role_name         = var.role_name

  # Computed from names, not read from the source account's state: the
  # execution role need not exist yet (root + aws:PrincipalArn trust).
  trusted_role_arns = ["arn:${local.partition}:iam::${var.source_account_id}:role/${var.execution_role_name}"]
  source_identities = [var.function_name]

  # The iot_publish preset on the prefix topic itself, plus iot:DescribeEndpoint (resource "*": the one
  # action AWS authorises on no narrower resource) unless the function is given its endpoint.
  permissions = {
    iot_publish = { resources = [var.topic_prefix], describe_endpoint = var.describe_endpoint }
  }

  # The preset grants exact topic names; the topics below the prefix (<prefix>/<key>) are one statement.
  statements = {
    IotPublishBelowPrefix = {
      actions   = ["iot:Publish"]
      resources = ["arn:${local.partition}:iot:${var.region}:${var.account_id}:topic/${var.topic_prefix}/*"]
    }
  }

  tags = var.tags
}
