# Both accounts in one configuration, through two provider aliases.

provider "aws" {
  alias               = "source"
  region              = var.region
  profile             = var.source_profile
  allowed_account_ids = [var.source_account_id]
}

provider "aws" {
  alias               = "target"
  region              = var.region
  profile             = var.target_profile
  allowed_account_ids = [var.target_account_id]
}

data "aws_partition" "current" {
  provider = aws.source
}

locals {
  # Both ARNs are computed from fixed names, so neither module waits for the
  # other and there is no dependency cycle between the accounts.
  execution_role_arn = "arn:${data.aws_partition.current.partition}:iam::${var.source_account_id}:role/${var.function_name}"
}

module "target_role" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source    = "../../modules/target-role"
  providers = { aws = aws.target }

  region            = var.region
  account_id        = var.target_account_id
  pinpoint_app_id   = var.pinpoint_app_id
  lambda_account_id = var.source_account_id
  trusted_role_arns = [local.execution_role_arn]
  role_name         = var.target_role_name
  tags              = var.tags
}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  source    = "../../modules/source-lambda"
  providers = { aws = aws.source }

  function_name = var.function_name
  account_id    = var.source_account_id

  targets = {
    eu-marketing = {
      role_arn        = module.target_role.role_arn
      region          = var.region
      pinpoint_app_id = var.pinpoint_app_id
    }
  }

  tags = var.tags
}
