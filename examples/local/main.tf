# Both halves of the cross-account setup, applied into two accounts of the local
# stack (stack/src) through two provider aliases. Nothing here reaches AWS: every
# endpoint is the stack's gateway, which enforces IAM the way AWS would.
#
#   source account: modules/source-lambda (execution role, policies, log group, function)
#   target account: modules/target-role   (the role the function assumes)
#
# stack/src/provision.ts applies this with a throwaway state; see README.md here.

locals {
  # Services the two modules call. The gateway routes on the SigV4 scope, so one URL serves all.
  services = ["sts", "iam", "lambda", "logs", "cloudwatch", "kms"]

  function_name    = "${var.name_prefix}-fn"
  target_role_name = "${var.name_prefix}-pinpoint-endpoints"
  target_name      = "local-target"

  # Computed, not read from module.target_role: the source side needs no target state,
  # so either account can be applied first (as with separate pipelines per account).
  target_role_arn = "arn:${data.aws_partition.current.partition}:iam::${var.target_account_id}:role/${local.target_role_name}"

  common_tags = { example = "local", managed_by = "terraform" }
}

provider "aws" {
  alias  = "source"
  region = var.region

  access_key = var.source_credentials.access_key
  secret_key = var.source_credentials.secret_key
  token      = var.source_credentials.token

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  allowed_account_ids         = [var.source_account_id]

  endpoints {
    sts        = var.endpoint
    iam        = var.endpoint
    lambda     = var.endpoint
    logs       = var.endpoint
    cloudwatch = var.endpoint
    kms        = var.endpoint
  }
}

provider "aws" {
  alias  = "target"
  region = var.region

  access_key = var.target_credentials.access_key
  secret_key = var.target_credentials.secret_key
  token      = var.target_credentials.token

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  allowed_account_ids         = [var.target_account_id]

  endpoints {
    sts        = var.endpoint
    iam        = var.endpoint
    lambda     = var.endpoint
    logs       = var.endpoint
    cloudwatch = var.endpoint
    kms        = var.endpoint
  }
}

data "aws_partition" "current" {
  provider = aws.source
}

module "source_lambda" {
  source = "../../modules/source-lambda"
  providers = {
    aws = aws.source
  }

  function_name = local.function_name
  targets = {
    (local.target_name) = {
      role_arn                 = local.target_role_arn
      region                   = var.region
      pinpoint_app_id          = var.pinpoint_app_id
      external_id              = var.external_id
      session_duration_seconds = var.session_duration_seconds
    }
  }
  account_id            = var.source_account_id
  package_path          = var.package_path
  log_retention_in_days = 1
  tags                  = local.common_tags
}

module "target_role" {
  source = "../../modules/target-role"
  providers = {
    aws = aws.target
  }

  region            = var.region
  account_id        = var.target_account_id
  pinpoint_app_id   = var.pinpoint_app_id
  lambda_account_id = var.source_account_id
  role_name         = local.target_role_name
  trusted_role_arns = [module.source_lambda.execution_role_arn]
  external_id       = var.external_id
  tags              = local.common_tags
}
