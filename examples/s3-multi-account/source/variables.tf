variable "region" {
  description = "Region of the function and of this provider."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "The source account's id (runs the function); the provider refuses any other account."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id, for example \"111111111111\"."
  }
}

variable "function_name" {
  description = "Name of the function, also its execution role's name (what ../target's function_name trusts)."
  type        = string
  default     = "s3-multi-account-reporter"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens and underscores (a Lambda function name)."
  }
}

variable "package_path" {
  description = "The example's deployment zip, built by `make build` (relative paths are relative to this directory)."
  type        = string
  default     = "../../../dist/examples/s3-multi-account/function.zip"

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must be the path of a .zip file (run `make build` for the default)."
  }
}

variable "targets" {
  description = <<-EOT
    The target accounts, keyed by the name the handler sees (one ../target apply each, with the same values):
    account_id, role_name and role_path (../target's role_name; role_path "/" unless changed there), region,
    bucket, read_prefix and report_prefix ("/" appended when missing).
  EOT
  type = map(object({
    account_id    = string
    role_name     = string
    role_path     = optional(string, "/")
    region        = string
    bucket        = string
    read_prefix   = string
    report_prefix = string
  }))
  default = {
    b = {
      account_id    = "222222222222"
      role_name     = "s3-multi-account-reader"
      region        = "eu-west-1"
      bucket        = "s3-multi-account-data-222222222222"
      read_prefix   = "incoming/"
      report_prefix = "reports/"
    }
    c = {
      account_id    = "333333333333"
      role_name     = "s3-multi-account-reader"
      region        = "eu-west-1"
      bucket        = "s3-multi-account-data-333333333333"
      read_prefix   = "incoming/"
      report_prefix = "reports/"
    }
  }

  validation {
    condition     = length(var.targets) > 0 && alltrue([for name in keys(var.targets) : can(regex("^[A-Za-z0-9_-]{1,64}$", name))])
    error_message = "targets needs at least one entry, each keyed by 1-64 letters, digits, hyphens and underscores (for example \"b\")."
  }

  validation {
    condition     = alltrue([for t in var.targets : can(regex("^[0-9]{12}$", t.account_id)) && t.account_id != var.account_id])
    error_message = "Each targets account_id must be a 12-digit account id other than account_id (the source account)."
  }

  validation {
    condition     = alltrue([for t in var.targets : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", t.role_name)) && can(regex("^/([!-~]+/)?$", t.role_path))])
    error_message = "Each targets role_name must be 1-64 characters of letters, digits and +=,.@_-, and role_path \"/\" or a path starting and ending with \"/\"."
  }

  validation {
    condition     = alltrue([for t in var.targets : can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", t.region))])
    error_message = "Each targets region must be an AWS region name such as \"eu-west-1\"."
  }

  validation {
    condition     = alltrue([for t in var.targets : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", t.bucket))])
    error_message = "Each targets bucket must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens."
  }

  validation {
    condition = alltrue([
      for t in var.targets : alltrue([for p in [t.read_prefix, t.report_prefix] : can(regex("^[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/?$", p))])
    ])
    error_message = "Each targets read_prefix and report_prefix must be an object key prefix such as \"incoming/\": letters, digits and !_.'()- between slashes, no leading slash, no wildcard."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "s3-multi-account" }
}
