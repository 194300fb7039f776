# Target account: the role the source account's function assumes.
# Applied on its own with the target account's credentials, before or after ../source.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

module "target_role" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  pinpoint_app_id   = var.pinpoint_app_id
  lambda_account_id = var.lambda_account_id
  role_name         = var.role_name
  external_id       = var.external_id

  # Computed from names, not read from the source account's state: the
  # execution role need not exist yet (the trust uses the account root plus an
  # aws:PrincipalArn condition, see the module README).
  trusted_role_arns = ["arn:${data.aws_partition.current.partition}:iam::${var.lambda_account_id}:role${var.execution_role_path}${var.execution_role_name}"]

  tags = var.tags
}
