variable "region" {
  description = "Region of the function."
  type        = string
  default     = "eu-west-1"
}

variable "account_id" {
  description = "Source account id; the provider refuses any other account."
  type        = string
  default     = "111111111111"
}

variable "function_name" {
  description = "Function name, also the execution role name the target side trusts."
  type        = string
  default     = "cross-account-endpoints"
}

variable "target_name" {
  description = "Name of the target in the function's configuration (the event's \"target\")."
  type        = string
  default     = "eu-marketing"
}

variable "target_account_id" {
  description = "Target account id (owns the Pinpoint application)."
  type        = string
  default     = "222222222222"
}

variable "target_role_name" {
  description = "Name of the role created by ../target (target-role role_name)."
  type        = string
  default     = "cross-account-pinpoint-endpoints"
}

variable "target_region" {
  description = "Region of the Pinpoint application."
  type        = string
  default     = "eu-west-1"
}

variable "pinpoint_app_id" {
  description = "Pinpoint application id (32 lowercase hex characters)."
  type        = string
  default     = "0123456789abcdef0123456789abcdef"
}

variable "external_id" {
  description = "External id to present (same value as on the target side), or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "cross-account-endpoints" }
}
