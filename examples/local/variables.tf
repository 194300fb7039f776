variable "endpoint" {
  description = "URL of the local stack's gateway (LocalStack.endpoint, http://127.0.0.1:PORT). Every AWS API call of this configuration goes there."
  type        = string

  validation {
    condition     = can(regex("^https?://(127\\.0\\.0\\.1|localhost|\\[::1\\]):[0-9]{1,5}/?$", var.endpoint))
    error_message = "endpoint must be a loopback URL such as http://127.0.0.1:4566: this example only ever talks to the local stack."
  }
}

variable "region" {
  description = "Region of the function and of the Pinpoint application."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"us-east-1\"."
  }
}

variable "source_account_id" {
  description = "Emulated account that runs the function."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.source_account_id))
    error_message = "source_account_id must be 12 digits."
  }
}

variable "target_account_id" {
  description = "Emulated account that owns the Pinpoint application."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.target_account_id))
    error_message = "target_account_id must be 12 digits."
  }
}

variable "source_credentials" {
  description = "Operator credentials in the source account (LocalStack.operatorCredentials(source))."
  type = object({
    access_key = string
    secret_key = string
    token      = optional(string)
  })
  sensitive = true
}

variable "target_credentials" {
  description = "Operator credentials in the target account (LocalStack.operatorCredentials(target))."
  type = object({
    access_key = string
    secret_key = string
    token      = optional(string)
  })
  sensitive = true
}

variable "pinpoint_app_id" {
  description = "Pinpoint application in the target account (created in the emulator with LocalStack.createPinpointApp: the AWS provider cannot create one against moto)."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{32}$", var.pinpoint_app_id))
    error_message = "pinpoint_app_id must be 32 lowercase hexadecimal characters."
  }
}

variable "external_id" {
  description = "Optional external id: required by the target role's trust policy and sent by the function. null for none."
  type        = string
  default     = null

  validation {
    # RE2 caps repetition counts at 1000, so the length is checked apart from the charset.
    condition     = var.external_id == null || (length(coalesce(var.external_id, "x")) >= 2 && length(coalesce(var.external_id, "x")) <= 1224 && can(regex("^[A-Za-z0-9_+=,.@:/-]+$", coalesce(var.external_id, "x"))))
    error_message = "external_id must be null or 2-1224 characters of letters, digits and _+=,.@:/-."
  }
}

variable "session_duration_seconds" {
  description = "Lifetime the function asks for when it assumes the target role (900-3600 here). Short lifetimes let tests cross an expiry."
  type        = number
  default     = 900

  validation {
    condition     = var.session_duration_seconds >= 900 && var.session_duration_seconds <= 3600
    error_message = "session_duration_seconds must be from 900 to 3600."
  }
}

variable "name_prefix" {
  description = "Prefix of every name this example creates (function, roles, log group)."
  type        = string
  default     = "local-demo"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.name_prefix))
    error_message = "name_prefix must be 1-31 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "package_path" {
  description = "Absolute path of the function's deployment zip (scripts/build.mjs writes dist/function.zip). null uses the bundle shipped in modules/source-lambda."
  type        = string
  default     = null
}
