variable "region" {
  description = "Region of the function and of the Pinpoint application."
  type        = string
  default     = "eu-west-1"
}

variable "source_account_id" {
  description = "Source account id (runs the function)."
  type        = string
  default     = "111111111111"
}

variable "target_account_id" {
  description = "Target account id (owns the Pinpoint application)."
  type        = string
  default     = "222222222222"
}

variable "source_profile" {
  description = "AWS CLI profile for the source account, or null for the default credential chain."
  type        = string
  default     = null
}

variable "target_profile" {
  description = "AWS CLI profile for the target account, or null for the default credential chain."
  type        = string
  default     = null
}

variable "function_name" {
  description = "Function name, also its execution role name."
  type        = string
  default     = "cross-account-endpoints"
}

variable "target_role_name" {
  description = "Name of the role in the target account."
  type        = string
  default     = "cross-account-pinpoint-endpoints"
}

variable "pinpoint_app_id" {
  description = "Pinpoint application id (32 lowercase hex characters)."
  type        = string
  default     = "0123456789abcdef0123456789abcdef"
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "cross-account-endpoints" }
}
