################################################################################
# Account and region
################################################################################

variable "region" {
  description = "Region of the Customer Profiles domain (and of this provider)."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "Target account id (owns the domain); the provider refuses any other account."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id, for example \"222222222222\"."
  }
}

################################################################################
# Customer Profiles domain
################################################################################

variable "domain_name" {
  description = "Name of the Customer Profiles domain (the source side's domain_name: settings.customerProfilesDomain)."
  type        = string
  default     = "crm"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,64}$", var.domain_name))
    error_message = "domain_name must be 1-64 letters, digits, _ and -."
  }
}

variable "default_expiration_days" {
  description = "Days a profile and its objects are kept after their last update (1-1098)."
  type        = number
  default     = 366

  validation {
    condition     = var.default_expiration_days >= 1 && var.default_expiration_days <= 1098 && floor(var.default_expiration_days) == var.default_expiration_days
    error_message = "default_expiration_days must be a whole number of days from 1 to 1098."
  }
}

variable "dead_letter_queue_url" {
  description = "URL of an SQS queue in this account for ingestion failures (its queue policy must allow profile.amazonaws.com sqs:SendMessage), or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_queue_url == null || can(regex("^https://[a-z0-9.-]+/[0-9]{12}/[A-Za-z0-9_-]{1,80}$", coalesce(var.dead_letter_queue_url, "-")))
    error_message = "dead_letter_queue_url must be null or an SQS queue URL such as \"https://sqs.eu-west-1.amazonaws.com/222222222222/crm-dlq\" (a standard queue: no .fifo)."
  }
}

variable "default_encryption_key_arn" {
  description = "ARN of a customer managed KMS key encrypting the domain's data, or null for an AWS owned key. The function's role needs no grant on it (the service uses the key)."
  type        = string
  default     = null

  validation {
    condition     = var.default_encryption_key_arn == null || can(regex("^arn:aws(-[a-z]+)*:kms:[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:key/[A-Za-z0-9-]{1,128}$", coalesce(var.default_encryption_key_arn, "-")))
    error_message = "default_encryption_key_arn must be null or a KMS key ARN such as \"arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab\" (not an alias)."
  }
}

################################################################################
# Target role
################################################################################

variable "lambda_account_id" {
  description = "Source account id (runs the Lambda function)."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.lambda_account_id))
    error_message = "lambda_account_id must be a 12-digit AWS account id, for example \"111111111111\"."
  }
}

variable "execution_role_name" {
  description = "Name of the function's execution role in the source account (the source side's function_name)."
  type        = string
  default     = "customer-profiles-endpoints"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.execution_role_name))
    error_message = "execution_role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "execution_role_path" {
  description = "IAM path of the execution role (source-lambda role_path)."
  type        = string
  default     = "/"

  validation {
    condition     = can(regex("^/([!-~]+/)?$", var.execution_role_path))
    error_message = "execution_role_path must be \"/\" or start and end with \"/\", for example \"/integrations/\"."
  }
}

variable "role_name" {
  description = "Name of the role created here; the source side computes its ARN from the same name (target_role_name)."
  type        = string
  default     = "customer-profiles-endpoints"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "external_id" {
  description = "Optional external id the function must present (same value on the source side), or null."
  type        = string
  default     = null

  validation {
    condition     = var.external_id == null || (length(coalesce(var.external_id, "-")) >= 2 && length(coalesce(var.external_id, "-")) <= 1224 && can(regex("^[A-Za-z0-9_+=,.@:/-]+$", coalesce(var.external_id, "-"))))
    error_message = "external_id must be null or 2-1224 characters of letters, digits and _+=,.@:/-."
  }
}

variable "tags" {
  description = "Tags for the domain and the role."
  type        = map(string)
  default     = { project = "cross-account-endpoints" }
}
