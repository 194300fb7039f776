variable "region" {
  description = "Region of the bucket, the role's grants and this provider."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "This target account's id (B or C); the provider refuses any other account."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id, for example \"222222222222\"."
  }
}

variable "lambda_account_id" {
  description = "The source account's id (runs the function)."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.lambda_account_id))
    error_message = "lambda_account_id must be a 12-digit AWS account id, for example \"111111111111\"."
  }
}

variable "function_name" {
  description = "Name of the function in the source account (../source function_name): its execution role's name and the session's SourceIdentity."
  type        = string
  default     = "s3-multi-account-reporter"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens and underscores (a Lambda function name)."
  }
}

variable "execution_role_path" {
  description = "IAM path of the function's execution role (../source's source-lambda role_path)."
  type        = string
  default     = "/"

  validation {
    condition     = can(regex("^/([!-~]+/)?$", var.execution_role_path))
    error_message = "execution_role_path must be \"/\" or start and end with \"/\", for example \"/integrations/\"."
  }
}

variable "role_name" {
  description = "Name of the role created here (../source computes its ARN from this name and account_id)."
  type        = string
  default     = "s3-multi-account-reader"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "bucket_name" {
  description = "Name of the bucket created here (S3 bucket names are global: include something unique, such as the account id)."
  type        = string
  default     = "s3-multi-account-data-222222222222"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "..")
    error_message = "bucket_name must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "read_prefix" {
  description = "Key prefix the function may list and read (\"/\" appended when missing)."
  type        = string
  default     = "incoming/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/?$", var.read_prefix))
    error_message = "read_prefix must be an object key prefix such as \"incoming/\": letters, digits and !_.'()- between slashes, no leading slash, no wildcard."
  }
}

variable "report_prefix" {
  description = "Key prefix the function may write reports under (\"/\" appended when missing); it must not overlap read_prefix."
  type        = string
  default     = "reports/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/?$", var.report_prefix))
    error_message = "report_prefix must be an object key prefix such as \"reports/\": letters, digits and !_.'()- between slashes, no leading slash, no wildcard."
  }

  validation {
    condition     = !startswith("${trimsuffix(var.report_prefix, "/")}/", "${trimsuffix(var.read_prefix, "/")}/") && !startswith("${trimsuffix(var.read_prefix, "/")}/", "${trimsuffix(var.report_prefix, "/")}/")
    error_message = "report_prefix and read_prefix must not contain each other (the function would read its own reports, or write where it reads)."
  }
}

variable "sample_objects" {
  description = "Objects to put into the bucket, full key => text content: sample data under read_prefix for the function to read, and a neighbour (reports-old/) it must not. {} for none."
  type        = map(string)
  default = {
    "incoming/orders.csv"      = "id,total\n1,20\n2,22\n"
    "incoming/customers.csv"   = "id,name\n1,Ada\n"
    "reports-old/summary.json" = "{\"note\":\"a sibling prefix sharing the string \\\"reports\\\": not readable\"}"
  }

  validation {
    condition     = alltrue([for k in keys(var.sample_objects) : length(k) > 0 && length(k) <= 1024 && !startswith(k, "/") && !endswith(k, "/") && !strcontains(k, "..")])
    error_message = "Each sample_objects key must be an object key such as \"incoming/orders.csv\": not empty, no leading or trailing slash, no \"..\", at most 1024 characters."
  }
}

variable "tags" {
  description = "Tags for the bucket, the objects and the role."
  type        = map(string)
  default     = { project = "s3-multi-account" }
}
