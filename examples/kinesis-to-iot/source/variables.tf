variable "region" {
  description = "Region of the stream and the function (and of this provider)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "account_id" {
  description = "Source account id (owns the stream and the function); the provider refuses any other account."
  type        = string
  default     = "111111111111"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "function_name" {
  description = "Name of the function; also the name of its execution role (which the target root trusts) and the SourceIdentity it sends."
  type        = string
  default     = "kinesis-to-iot"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{2,64}$", var.function_name))
    error_message = "function_name must be 2-64 letters, digits, hyphens or underscores."
  }
}

variable "stream_name" {
  description = "Name of the Kinesis stream the function consumes."
  type        = string
  default     = "kinesis-to-iot"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,128}$", var.stream_name))
    error_message = "stream_name must be 1-128 letters, digits and _.-."
  }
}

variable "shard_count" {
  description = "Shards of the stream (provisioned mode). Records of one partition key stay in one shard, in order."
  type        = number
  default     = 2

  validation {
    condition     = var.shard_count >= 1 && var.shard_count <= 500 && floor(var.shard_count) == var.shard_count
    error_message = "shard_count must be a whole number from 1 to 500."
  }
}

variable "retention_hours" {
  description = "How long the stream keeps records (24-8760 hours): the window for re-reading a batch named in the on-failure queue."
  type        = number
  default     = 24

  validation {
    condition     = var.retention_hours >= 24 && var.retention_hours <= 8760 && floor(var.retention_hours) == var.retention_hours
    error_message = "retention_hours must be a whole number from 24 to 8760."
  }
}

variable "failure_queue_name" {
  description = "Name of the SQS queue that receives the metadata of batches whose retries or age ran out."
  type        = string
  default     = "kinesis-to-iot-failures"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,80}$", var.failure_queue_name))
    error_message = "failure_queue_name must be 1-80 letters, digits, hyphens or underscores (a standard queue)."
  }
}

variable "target_account_id" {
  description = "Target account id (owns the IoT topics and the role the function assumes)."
  type        = string
  default     = "222222222222"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.target_account_id))
    error_message = "target_account_id must be a 12-digit AWS account id."
  }
}

variable "target_role_name" {
  description = "Name of the role in the target account (the target root's role_name); its ARN is computed, so it need not exist yet."
  type        = string
  default     = "kinesis-to-iot-publisher"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.target_role_name))
    error_message = "target_role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "target_region" {
  description = "Region of the IoT topics in the target account (the target root's region)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.target_region))
    error_message = "target_region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "topic_prefix" {
  description = "Topics are <topic_prefix>/<key>; must equal the target root's topic_prefix."
  type        = string
  default     = "telemetry"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.:=@$-]+(/[A-Za-z0-9_.:=@$-]+)*$", var.topic_prefix)) && length(var.topic_prefix) <= 120
    error_message = "topic_prefix must be an MQTT topic such as \"telemetry\" or \"fleet/telemetry\": letters, digits and _.:=@$- between slashes, no wildcard, no leading or trailing slash, at most 120 characters."
  }
}

variable "topic_field" {
  description = "Optional top-level string field of each record's JSON to use as the topic key instead of the partition key. null: the partition key."
  type        = string
  default     = null

  validation {
    condition     = var.topic_field == null || can(regex("^[A-Za-z0-9_]{1,64}$", coalesce(var.topic_field, "x"))) && !contains(["__proto__", "constructor", "prototype"], coalesce(var.topic_field, "x"))
    error_message = "topic_field must be null or 1-64 letters, digits and underscores (not __proto__, constructor or prototype)."
  }
}

variable "iot_endpoint" {
  description = "Optional IoT data endpoint of the target account (for example \"abc123-ats.iot.eu-west-1.amazonaws.com\"). null: the function calls iot:DescribeEndpoint once per cold start (the target root's describe_endpoint must stay true)."
  type        = string
  default     = null

  validation {
    condition     = var.iot_endpoint == null || can(regex("^(https://)?[a-z0-9.-]+(:[0-9]+)?$", coalesce(var.iot_endpoint, "x")))
    error_message = "iot_endpoint must be null or a host name such as \"abc123-ats.iot.eu-west-1.amazonaws.com\" (optionally with https://)."
  }
}

variable "package_path" {
  description = "The function's zip (run `make build` first: it writes dist/examples/kinesis-to-iot/function.zip)."
  type        = string
  default     = "../../../dist/examples/kinesis-to-iot/function.zip"

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must name a .zip file."
  }
}

variable "timeout" {
  description = "Function timeout in seconds (1-900): leave room for a batch of publishes with their retries."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "publish_concurrency" {
  description = "Publishes in flight per invocation (PUBLISH_CONCURRENCY, 1-50: the SDK keeps at most 50 sockets per client)."
  type        = number
  default     = 50

  validation {
    condition     = var.publish_concurrency >= 1 && var.publish_concurrency <= 50 && floor(var.publish_concurrency) == var.publish_concurrency
    error_message = "publish_concurrency must be a whole number from 1 to 50 (the SDK keeps at most 50 sockets per client: more would only queue)."
  }
}

variable "batch_size" {
  description = "Records per invocation (1-10000)."
  type        = number
  default     = 100

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be a whole number from 1 to 10000."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "How long Lambda gathers records before invoking (0-300 seconds)."
  type        = number
  default     = 0

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300 && floor(var.maximum_batching_window_in_seconds) == var.maximum_batching_window_in_seconds
    error_message = "maximum_batching_window_in_seconds must be a whole number from 0 to 300."
  }
}

variable "starting_position" {
  description = "Where the mapping starts reading a shard: TRIM_HORIZON (oldest record kept) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"

  validation {
    condition     = contains(["TRIM_HORIZON", "LATEST"], var.starting_position)
    error_message = "starting_position must be TRIM_HORIZON or LATEST (AT_TIMESTAMP needs a timestamp this example does not take)."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failing batch before its metadata goes to the on-failure queue (0-10000; bounded: -1, Lambda's unbounded default, is refused here)."
  type        = number
  default     = 10

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 10000 && floor(var.maximum_retry_attempts) == var.maximum_retry_attempts
    error_message = "maximum_retry_attempts must be a whole number from 0 to 10000 (bounded)."
  }
}

variable "maximum_record_age_in_seconds" {
  description = "Records older than this go to the on-failure queue instead of being retried (60-604800 seconds; bounded)."
  type        = number
  default     = 21600

  validation {
    condition     = var.maximum_record_age_in_seconds >= 60 && var.maximum_record_age_in_seconds <= 604800 && floor(var.maximum_record_age_in_seconds) == var.maximum_record_age_in_seconds
    error_message = "maximum_record_age_in_seconds must be a whole number from 60 to 604800 (bounded)."
  }
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}
