variable "region" {
  description = "Region of the target resources (and of this provider); the source root's target_region."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "Target account id (owns the parameters, key, queue and table); the provider refuses any other account."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "lambda_account_id" {
  description = "Source account id (runs the forwarder function)."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.lambda_account_id))
    error_message = "lambda_account_id must be a 12-digit AWS account id."
  }
}

variable "execution_role_name" {
  description = "Name of the forwarder's execution role in the source account (the source root's function_name)."
  type        = string
  default     = "forwarder"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.execution_role_name))
    error_message = "execution_role_name must be an IAM role name: 1-64 letters, digits and +=,.@_-."
  }
}

variable "execution_role_path" {
  description = "IAM path of the execution role (source-lambda role_path)."
  type        = string
  default     = "/"

  validation {
    condition     = can(regex("^/([!-~]+/)?$", var.execution_role_path))
    error_message = "execution_role_path must start and end with \"/\", for example \"/\" or \"/app/\"."
  }
}

variable "role_name" {
  description = "Name of the role created here; the source root computes its ARN from the same name (target_role_name)."
  type        = string
  default     = "forwarder-target"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be an IAM role name: 1-64 letters, digits and +=,.@_-."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name: parameters /<prefix>/config and /<prefix>/credential, queue <prefix>-requests, table <prefix>-items. The source root's name_prefix must be the same."
  type        = string
  default     = "forwarder"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-40 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "fifo" {
  description = "Make the queue FIFO (<prefix>-requests.fifo): per-item ordering and deduplication of a retried send (the source root's fifo must be the same)."
  type        = bool
  default     = false
  nullable    = false
}

variable "config_source" {
  description = "The configuration's `source`: the forwarder puts it on every message as the source attribute."
  type        = string
  default     = "forwarder"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,64}$", var.config_source))
    error_message = "config_source must be 1-64 letters, digits and _.- (the handler checks the same rule)."
  }
}

variable "query_limit" {
  description = "The configuration's `queryLimit`: the most items GET /items returns."
  type        = number
  default     = 25

  validation {
    condition     = var.query_limit >= 1 && var.query_limit <= 100 && floor(var.query_limit) == var.query_limit
    error_message = "query_limit must be a whole number from 1 to 100."
  }
}

variable "credential_value" {
  description = "The credential stored as the SecureString (the forwarder signs every message with it, HMAC-SHA256). It is also in the Terraform state: keep the state encrypted, or rotate the value outside Terraform."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.credential_value) >= 16 && length(var.credential_value) <= 4096
    error_message = "credential_value must be 16-4096 characters."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "cross-account-forwarder" }
}
