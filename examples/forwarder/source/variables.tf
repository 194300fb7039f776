variable "region" {
  description = "Region of the function (and of this provider)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "Source account id; the provider refuses any other account."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "function_name" {
  description = "Function name, also the execution role name the target root trusts (its execution_role_name)."
  type        = string
  default     = "forwarder"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens and underscores."
  }
}

variable "package_path" {
  description = "The forwarder's deployment zip (`make build` writes it)."
  type        = string
  default     = "../../../dist/examples/forwarder/function.zip"

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must be the path of a .zip file."
  }
}

variable "target_account_id" {
  description = "Target account id (the target root's account_id)."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.target_account_id))
    error_message = "target_account_id must be a 12-digit AWS account id."
  }
}

variable "target_region" {
  description = "Region of the target resources (the target root's region)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.target_region))
    error_message = "target_region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "target_role_name" {
  description = "Name of the role the target root creates (its role_name)."
  type        = string
  default     = "forwarder-target"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.target_role_name))
    error_message = "target_role_name must be an IAM role name: 1-64 letters, digits and +=,.@_-."
  }
}

variable "name_prefix" {
  description = "The target root's name_prefix: the parameter, queue and table names are computed from it."
  type        = string
  default     = "forwarder"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-40 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "fifo" {
  description = "The target root's fifo: true when the queue is <prefix>-requests.fifo."
  type        = bool
  default     = false
  nullable    = false
}

variable "config_ttl_seconds" {
  description = "How long the function keeps the SSM configuration and credential before reading them again."
  type        = number
  default     = 300

  validation {
    condition     = var.config_ttl_seconds >= 0 && var.config_ttl_seconds <= 86400 && floor(var.config_ttl_seconds) == var.config_ttl_seconds
    error_message = "config_ttl_seconds must be a whole number from 0 to 86400."
  }
}

variable "function_url_auth_type" {
  description = "The function URL's authorization: AWS_IAM (default: SigV4-signed callers with lambda:InvokeFunctionUrl) or NONE (public; adds the resource-based permission a public URL needs)."
  type        = string
  default     = "AWS_IAM"

  validation {
    condition     = contains(["AWS_IAM", "NONE"], var.function_url_auth_type)
    error_message = "function_url_auth_type must be \"AWS_IAM\" or \"NONE\"."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "cross-account-forwarder" }
}
