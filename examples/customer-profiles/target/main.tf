# Target account: the Customer Profiles domain and the role the source account's function assumes.
# Applied on its own with the target account's credentials, before or after ../source.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

################################################################################
# Customer Profiles domain
################################################################################

resource "aws_customerprofiles_domain" "this" {
  domain_name             = var.domain_name
  default_expiration_days = var.default_expiration_days
  dead_letter_queue_url   = var.dead_letter_queue_url
  default_encryption_key  = var.default_encryption_key_arn

  tags = var.tags
}

################################################################################
# Target role: the customer_profiles preset on the domain, nothing else
################################################################################

module "target_role" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  lambda_account_id = var.lambda_account_id
  role_name         = var.role_name
  external_id       = var.external_id

  # Computed from names, not read from the source account's state: the
  # execution role need not exist yet (root + aws:PrincipalArn trust).
  trusted_role_arns = ["arn:${data.aws_partition.current.partition}:iam::${var.lambda_account_id}:role${var.execution_role_path}${var.execution_role_name}"]

  # The domain's name (from the resource: the grant follows the domain it names).
  permissions = {
    customer_profiles = { resources = [aws_customerprofiles_domain.this.domain_name] }
  }

  tags = var.tags
}
