variable "region" {
  description = "Region of the Pinpoint application (and of this provider)."
  type        = string
  default     = "eu-west-1"
}

variable "account_id" {
  description = "Target account id (owns the Pinpoint application); the provider refuses any other account."
  type        = string
  default     = "222222222222"
}

variable "pinpoint_app_id" {
  description = "Pinpoint application id (32 lowercase hex characters)."
  type        = string
  default     = "0123456789abcdef0123456789abcdef"
}

variable "lambda_account_id" {
  description = "Source account id (runs the Lambda function)."
  type        = string
  default     = "111111111111"
}

variable "execution_role_name" {
  description = "Name of the function's execution role in the source account (source-lambda role_name, default its function_name)."
  type        = string
  default     = "cross-account-endpoints"
}

variable "execution_role_path" {
  description = "IAM path of the execution role (source-lambda role_path)."
  type        = string
  default     = "/"
}

variable "role_name" {
  description = "Name of the role created here; the source side uses the same name to compute its ARN."
  type        = string
  default     = "cross-account-pinpoint-endpoints"
}

variable "external_id" {
  description = "Optional external id the function must present (same value on the source side), or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = { project = "cross-account-endpoints" }
}
