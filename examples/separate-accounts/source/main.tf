# Source account: the function, its execution role and its log group.
# Applied on its own with the source account's credentials, before or after ../target.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  # The module ships its bundle (package/function.zip): no Node.js needed here.
  source = "../../../modules/source-lambda"

  function_name = var.function_name
  account_id    = var.account_id

  targets = {
    (var.target_name) = {
      # Computed from the target role's fixed name: the role need not exist yet.
      role_arn        = "arn:${data.aws_partition.current.partition}:iam::${var.target_account_id}:role/${var.target_role_name}"
      region          = var.target_region
      pinpoint_app_id = var.pinpoint_app_id
      external_id     = var.external_id
    }
  }

  tags = var.tags
}
