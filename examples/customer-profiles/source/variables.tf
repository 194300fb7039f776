################################################################################
# Account and region
################################################################################

variable "region" {
  description = "Region of the function (and of this provider)."
  type        = string
  default     = "eu-west-1"

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
    error_message = "account_id must be a 12-digit AWS account id, for example \"111111111111\"."
  }
}

################################################################################
# Function
################################################################################

variable "function_name" {
  description = "Function name, also the execution role name the target side trusts (its execution_role_name)."
  type        = string
  default     = "customer-profiles-endpoints"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens and underscores."
  }
}

variable "timeout" {
  description = "Function timeout in seconds. 180 covers the worst update of a new endpoint id with the default retry settings (the module's 60 s default is sized for Pinpoint's one call)."
  type        = number
  default     = 180

  validation {
    condition     = var.timeout >= 60 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 60 to 900."
  }
}

################################################################################
# Target
################################################################################

variable "target_name" {
  description = "Name of the target in the function's configuration (the event's \"target\")."
  type        = string
  default     = "eu-crm"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.target_name))
    error_message = "target_name must be 1-64 letters, digits, hyphens and underscores, for example \"eu-crm\"."
  }
}

variable "target_account_id" {
  description = "Target account id (owns the Customer Profiles domain)."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.target_account_id))
    error_message = "target_account_id must be a 12-digit AWS account id, for example \"222222222222\"."
  }
}

variable "target_role_name" {
  description = "Name of the role created by ../target (its role_name)."
  type        = string
  default     = "customer-profiles-endpoints"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.target_role_name))
    error_message = "target_role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "target_region" {
  description = "Region of the Customer Profiles domain."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.target_region))
    error_message = "target_region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "domain_name" {
  description = "Name of the Customer Profiles domain created by ../target (rendered as the target's settings.customerProfilesDomain)."
  type        = string
  default     = "crm"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,64}$", var.domain_name))
    error_message = "domain_name must be 1-64 letters, digits, _ and -."
  }
}

variable "external_id" {
  description = "External id to present (same value as on the target side), or null."
  type        = string
  default     = null

  validation {
    condition     = var.external_id == null || (length(coalesce(var.external_id, "-")) >= 2 && length(coalesce(var.external_id, "-")) <= 1224 && can(regex("^[A-Za-z0-9_+=,.@:/-]+$", coalesce(var.external_id, "-"))))
    error_message = "external_id must be null or 2-1224 characters of letters, digits and _+=,.@:/-."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "cross-account-endpoints" }
}
