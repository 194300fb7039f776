# Source account: the function (this example's handler, ../src/index.ts, bundled by `make build`),
# its execution role (sts:AssumeRole on exactly the two target roles) and its log group.
# Applied on its own with the source account's credentials, before or after ../target.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  source = "../../../modules/source-lambda"

  function_name = var.function_name
  account_id    = var.account_id
  description   = "Lists and reads objects under a prefix in a bucket in each target account and writes a report back."
  package_path  = var.package_path
  handler       = "index.handler"

  targets = {
    for name, t in var.targets : name => {
      # Computed from the target role's fixed name: the role need not exist yet.
      role_arn = "arn:${data.aws_partition.current.partition}:iam::${t.account_id}:role${t.role_path}${t.role_name}"
      region   = t.region
      # What the handler reads with target.setting(...).
      settings = {
        bucket       = t.bucket
        readPrefix   = "${trimsuffix(t.read_prefix, "/")}/"
        reportPrefix = "${trimsuffix(t.report_prefix, "/")}/"
      }
    }
  }

  tags = var.tags
}
