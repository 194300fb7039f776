variable "region" {
  description = "Region of the IoT topics (and of this provider); the source root's target_region."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "Target account id (owns the IoT topics); the provider refuses any other account."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "source_account_id" {
  description = "Source account id (runs the Kinesis stream and the function)."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.source_account_id))
    error_message = "source_account_id must be a 12-digit AWS account id."
  }
}

variable "function_name" {
  description = "Name of the function in the source account: the only SourceIdentity the role accepts (the runtime sends the function name)."
  type        = string
  default     = "kinesis-to-iot"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{2,64}$", var.function_name))
    error_message = "function_name must be 2-64 letters, digits, hyphens or underscores (a Lambda function name)."
  }
}

variable "execution_role_name" {
  description = "Name of the function's execution role in the source account (the source root names it after the function)."
  type        = string
  default     = "kinesis-to-iot"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.execution_role_name))
    error_message = "execution_role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "role_name" {
  description = "Name of the role created here; the source root computes its ARN from the same name."
  type        = string
  default     = "kinesis-to-iot-publisher"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "topic_prefix" {
  description = "Topic prefix the function publishes below (<topic_prefix>/<key>), for example \"telemetry\" or \"fleet/telemetry\"."
  type        = string
  default     = "telemetry"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.:=@$-]+(/[A-Za-z0-9_.:=@$-]+)*$", var.topic_prefix)) && length(var.topic_prefix) <= 120
    error_message = "topic_prefix must be an MQTT topic such as \"telemetry\" or \"fleet/telemetry\": letters, digits and _.:=@$- between slashes, no wildcard (+, #, *), no leading or trailing slash, at most 120 characters."
  }
}

variable "describe_endpoint" {
  description = "Grant iot:DescribeEndpoint (resource \"*\") so the function finds the data endpoint itself; false when the source root sets iot_endpoint."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
}
