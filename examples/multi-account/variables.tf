variable "region" {
  description = "Region of the function."
  type        = string
  default     = "eu-west-1"
}

variable "source_account_id" {
  description = "Source account id (runs the function)."
  type        = string
  default     = "111111111111"
}

variable "source_profile" {
  description = "AWS CLI profile for the source account, or null for the default credential chain."
  type        = string
  default     = null
}

variable "function_name" {
  description = "Function name, also its execution role name."
  type        = string
  default     = "cross-account-endpoints"
}

variable "target_role_name" {
  description = "Name of the role in each target account."
  type        = string
  default     = "cross-account-pinpoint-endpoints"
}

variable "targets" {
  description = "The two target accounts, under keys \"a\" and \"b\": target name (the event's \"target\"), account id, CLI profile, region, Pinpoint app id, optional external id."
  type = map(object({
    name            = string
    account_id      = string
    profile         = optional(string)
    region          = string
    pinpoint_app_id = string
    external_id     = optional(string)
  }))
  default = {
    a = {
      name            = "eu-marketing"
      account_id      = "222222222222"
      region          = "eu-west-1"
      pinpoint_app_id = "0123456789abcdef0123456789abcdef"
    }
    b = {
      name            = "us-sales"
      account_id      = "333333333333"
      region          = "us-east-1"
      pinpoint_app_id = "fedcba9876543210fedcba9876543210"
      external_id     = "us-sales-endpoints"
    }
  }

  validation {
    condition     = toset(keys(var.targets)) == toset(["a", "b"])
    error_message = "targets must have exactly the keys \"a\" and \"b\" (one per target provider)."
  }

  validation {
    condition     = length(distinct([for t in values(var.targets) : t.name])) == 2
    error_message = "The two targets need different names."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "cross-account-endpoints" }
}
