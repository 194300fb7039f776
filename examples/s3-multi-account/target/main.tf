# One target account (B or C): a bucket with objects under a read prefix, and the role the
# source account's function assumes, allowed to list and read that prefix and to write reports
# under another one. Applied once per target account, each with that account's credentials and
# its own variables (bucket, prefixes, role), before or after ../source.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

locals {
  # Prefixes always end in "/": "reports/" never matches "reports-old/".
  read_prefix   = "${trimsuffix(var.read_prefix, "/")}/"
  report_prefix = "${trimsuffix(var.report_prefix, "/")}/"
}

resource "aws_s3_bucket" "data" {
  bucket = var.bucket_name
  # The function writes report objects Terraform does not know: destroy removes them too.
  force_destroy = true
  tags          = var.tags
}

# Sample data for the function to read (and a neighbour it must not read).
resource "aws_s3_object" "sample" {
  for_each = var.sample_objects

  bucket       = aws_s3_bucket.data.id
  key          = each.key
  content      = each.value
  content_type = "text/plain"
  tags         = var.tags
}

module "target_role" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/target-role?ref=vX.Y.Z"
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  lambda_account_id = var.lambda_account_id
  role_name         = var.role_name

  # Computed from names, not read from the source account's state: the execution role need not
  # exist yet (the trust is the account root narrowed by aws:PrincipalArn).
  # source-lambda names the execution role after the function.
  trusted_role_arns = ["arn:${data.aws_partition.current.partition}:iam::${var.lambda_account_id}:role${var.execution_role_path}${var.function_name}"]
  # The runtime stamps each session with the function's name (sts:SourceIdentity): only that function.
  source_identities = [var.function_name]

  # The bucket by name: the preset builds arn:<partition>:s3:::<bucket> and <bucket>/<prefix>*.
  permissions = {
    s3_read  = { resources = [var.bucket_name], prefixes = [local.read_prefix] }
    s3_write = { resources = [var.bucket_name], prefixes = [local.report_prefix] }
  }

  tags = var.tags
}
