# Fixture root for presets-on-stack.test.ts: modules/target-role applied into one account of the
# local stack (test/least-privilege/presets-on-stack.test.ts passes every variable), twice:
#   all    - every preset the test exercises, ssm_read with the parameter key in kms_key_arns;
#   no_kms - ssm_read only, without kms_key_arns (a SecureString with that key must be refused).
# The plain provider block users copy: credentials, region and endpoint come from the environment.

terraform {
  required_version = ">= 1.5.7"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

variable "region" {
  description = "Region of the target resources."
  type        = string
}

variable "account_id" {
  description = "The target account the roles are created in."
  type        = string
}

variable "lambda_account_id" {
  description = "The source account whose caller role is trusted."
  type        = string
}

variable "trusted_role_arns" {
  description = "The source-account role(s) allowed to assume both roles."
  type        = list(string)
}

variable "role_name" {
  description = "Name of the role with every preset; the other is <role_name>-no-kms."
  type        = string
}

variable "permissions" {
  description = "modules/target-role permissions for the role with every preset (ssm_read must be set)."
  type = map(object({
    resources         = list(string)
    kms_key_arns      = optional(list(string), [])
    indexes           = optional(list(string), [])
    prefixes          = optional(list(string), [])
    recursive         = optional(bool, false)
    describe_endpoint = optional(bool, true)
  }))
}

module "all" {
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  lambda_account_id = var.lambda_account_id
  trusted_role_arns = var.trusted_role_arns
  role_name         = var.role_name
  permissions       = var.permissions
}

module "no_kms" {
  source = "../../../modules/target-role"

  region            = var.region
  account_id        = var.account_id
  lambda_account_id = var.lambda_account_id
  trusted_role_arns = var.trusted_role_arns
  role_name         = "${var.role_name}-no-kms"
  permissions       = { ssm_read = { resources = var.permissions.ssm_read.resources } }
}

output "role_arn" {
  description = "The role with every preset."
  value       = module.all.role_arn
}

output "no_kms_role_arn" {
  description = "The role with ssm_read without kms_key_arns."
  value       = module.no_kms.role_arn
}

output "permissions_policy" {
  description = "The rendered policy of the role with every preset."
  value       = module.all.permissions_policy
}
