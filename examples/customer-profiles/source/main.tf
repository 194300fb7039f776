# Source account: the shipped customer-profiles function, its execution role and its log group.
# Applied on its own with the source account's credentials, before or after ../target.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  # The module ships the bundle (package/customer-profiles.zip): no Node.js needed here.
  source = "../../../modules/source-lambda"

  function_name = var.function_name
  account_id    = var.account_id

  # The switch off Pinpoint: the shipped Customer Profiles bundle (the default is "pinpoint").
  shipped_function = "customer-profiles"

  # A new endpoint id costs up to 11 calls (see lambda/functions/customer-profiles/README.md, Time budget).
  timeout = var.timeout

  targets = {
    (var.target_name) = {
      # Computed from the target role's fixed name: the role need not exist yet.
      role_arn    = "arn:${data.aws_partition.current.partition}:iam::${var.target_account_id}:role/${var.target_role_name}"
      region      = var.target_region
      external_id = var.external_id
      settings    = { customerProfilesDomain = var.domain_name }
    }
  }

  tags = var.tags
}
