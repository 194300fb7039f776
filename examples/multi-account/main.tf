# One function in the source account reaching Pinpoint apps in two target accounts.

provider "aws" {
  alias               = "source"
  region              = var.region
  profile             = var.source_profile
  allowed_account_ids = [var.source_account_id]
}

provider "aws" {
  alias               = "target_a"
  region              = var.targets["a"].region
  profile             = var.targets["a"].profile
  allowed_account_ids = [var.targets["a"].account_id]
}

provider "aws" {
  alias               = "target_b"
  region              = var.targets["b"].region
  profile             = var.targets["b"].profile
  allowed_account_ids = [var.targets["b"].account_id]
}

data "aws_partition" "current" {
  provider = aws.source
}

locals {
  execution_role_arn = "arn:${data.aws_partition.current.partition}:iam::${var.source_account_id}:role/${var.function_name}"
}

# Providers cannot be chosen per for_each instance, so one module block per target account.
module "target_a" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source    = "../../modules/target-role"
  providers = { aws = aws.target_a }

  region            = var.targets["a"].region
  account_id        = var.targets["a"].account_id
  pinpoint_app_id   = var.targets["a"].pinpoint_app_id
  lambda_account_id = var.source_account_id
  trusted_role_arns = [local.execution_role_arn]
  role_name         = var.target_role_name
  external_id       = var.targets["a"].external_id
  tags              = var.tags
}

module "target_b" {
  source    = "../../modules/target-role"
  providers = { aws = aws.target_b }

  region            = var.targets["b"].region
  account_id        = var.targets["b"].account_id
  pinpoint_app_id   = var.targets["b"].pinpoint_app_id
  lambda_account_id = var.source_account_id
  trusted_role_arns = [local.execution_role_arn]
  role_name         = var.target_role_name
  external_id       = var.targets["b"].external_id
  tags              = var.tags
}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  source    = "../../modules/source-lambda"
  providers = { aws = aws.source }

  function_name = var.function_name
  account_id    = var.source_account_id

  targets = {
    (var.targets["a"].name) = {
      role_arn        = module.target_a.role_arn
      region          = var.targets["a"].region
      pinpoint_app_id = var.targets["a"].pinpoint_app_id
      external_id     = var.targets["a"].external_id
    }
    (var.targets["b"].name) = {
      role_arn        = module.target_b.role_arn
      region          = var.targets["b"].region
      pinpoint_app_id = var.targets["b"].pinpoint_app_id
      external_id     = var.targets["b"].external_id
    }
  }

  tags = var.tags
}
