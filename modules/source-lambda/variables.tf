variable "function_name" {
  description = "Name of the Lambda function. Also the default execution role name and the log group /aws/lambda/<function_name>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 characters of letters, digits, hyphens and underscores."
  }
}

variable "description" {
  description = "Description of the Lambda function (at most 256 characters). null describes the shipped Pinpoint function, or a generic cross-account function when package_path is set."
  type        = string
  default     = null

  validation {
    condition     = var.description == null || length(coalesce(var.description, "x")) <= 256
    error_message = "description must be null or at most 256 characters."
  }
}

variable "targets" {
  description = <<-EOT
    Target roles keyed by a static target name (^[A-Za-z0-9_-]{1,64}$, the name the handler asks for). Each: role_arn (the
    target-role module's role), region, optional external_id, optional session_duration_seconds (900-3600: role chaining
    from the execution role caps sessions at one hour), source_identity (default true: AssumeRole sends SourceIdentity =
    the function name; the target role's trust must allow sts:SetSourceIdentity), prefetch (default true: assume at init),
    settings (free-form string map passed to the handler) and pinpoint_app_id (rendered as settings.pinpointAppId; required
    by the shipped Pinpoint function). Targets may be in several accounts.
  EOT
  type = map(object({
    role_arn                 = string
    region                   = string
    external_id              = optional(string)
    session_duration_seconds = optional(number)
    pinpoint_app_id          = optional(string)
    source_identity          = optional(bool, true)
    prefetch                 = optional(bool, true)
    settings                 = optional(map(string), {})
  }))

  validation {
    condition     = length(var.targets) > 0
    error_message = "targets must contain at least one target."
  }

  validation {
    condition     = alltrue([for name in keys(var.targets) : can(regex("^[A-Za-z0-9_-]{1,64}$", name))])
    error_message = "Each targets key must be 1-64 characters of letters, digits, hyphens and underscores (for example \"eu-marketing\")."
  }

  validation {
    condition = alltrue([
      for t in var.targets : can(regex("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([!-~]+/)?[A-Za-z0-9+=,.@_-]{1,64}$", t.role_arn)) && !strcontains(t.role_arn, "*") && !strcontains(t.role_arn, "?")
    ])
    error_message = "Each targets role_arn must be an IAM role ARN without wildcards, like \"arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints\"."
  }

  validation {
    condition     = alltrue([for t in var.targets : can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", t.region))])
    error_message = "Each targets region must be an AWS region name such as \"eu-west-1\"."
  }

  validation {
    condition = alltrue([
      for t in var.targets : alltrue([for id in compact([t.pinpoint_app_id, lookup(t.settings, "pinpointAppId", null)]) : can(regex("^[0-9a-f]{32}$", id))])
    ])
    error_message = "Each targets pinpoint_app_id (and settings.pinpointAppId) must be omitted or exactly 32 lowercase hexadecimal characters."
  }

  validation {
    condition = alltrue([
      for t in var.targets : t.pinpoint_app_id == null || lookup(t.settings, "pinpointAppId", t.pinpoint_app_id) == t.pinpoint_app_id
    ])
    error_message = "Each targets entry must set pinpoint_app_id or settings.pinpointAppId, not two different values (set one of them)."
  }

  validation {
    condition = alltrue([
      for t in var.targets : alltrue([for k in keys(t.settings) : can(regex("^[A-Za-z0-9_.:/-]{1,128}$", k)) && !contains(["__proto__", "constructor", "prototype"], k)])
    ])
    error_message = "Each targets settings key must be 1-128 characters of letters, digits and _.:/- and not __proto__, constructor or prototype (the runtime rejects them)."
  }

  validation {
    condition = alltrue([
      for t in var.targets : t.external_id == null || (
        length(coalesce(t.external_id, "x")) >= 2 && length(coalesce(t.external_id, "x")) <= 1224 && can(regex("^[A-Za-z0-9_+=,.@:/-]+$", coalesce(t.external_id, "x")))
      )
    ])
    error_message = "Each targets external_id must be omitted or 2-1224 characters of letters, digits and _+=,.@:/-."
  }

  validation {
    condition = alltrue([
      for t in var.targets : t.session_duration_seconds == null || (
        coalesce(t.session_duration_seconds, 900) >= 900 && coalesce(t.session_duration_seconds, 900) <= 3600 && floor(coalesce(t.session_duration_seconds, 900)) == coalesce(t.session_duration_seconds, 900)
      )
    ])
    error_message = "Each targets session_duration_seconds must be omitted or a whole number from 900 to 3600 (assuming a role from the Lambda execution role is role chaining, which AWS caps at one hour)."
  }
}

variable "account_id" {
  description = "12-digit id of the source account (this function's account), used in the aws:SourceAccount trust condition. null uses the provider's account (aws_caller_identity)."
  type        = string
  default     = null

  validation {
    condition     = var.account_id == null || can(regex("^[0-9]{12}$", coalesce(var.account_id, "x")))
    error_message = "account_id must be null or a 12-digit AWS account id."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB (128-10240)."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "timeout" {
  description = "Function timeout in seconds (1-900). The default covers the worst case of the default retry settings: STS then the target service, twice when an expired session is re-assumed, each max_attempts x (connect + request timeout) plus the SDK's backoff between attempts: 4 x (3 x 4 s + 1.5 s) = 54 s."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "architecture" {
  description = "Instruction set of the function: arm64 or x86_64. The shipped bundle (and any bundle of plain JavaScript) runs on both."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be \"arm64\" or \"x86_64\"."
  }
}

variable "runtime" {
  description = "Lambda runtime: nodejs22.x or a later Node.js runtime (the shipped bundle and `cross-account-lambda bundle` target Node.js 22; nodejs20.x can no longer be created)."
  type        = string
  default     = "nodejs22.x"

  validation {
    condition     = try(tonumber(regex("^nodejs([0-9]+)\\.x$", var.runtime)[0]) >= 22, false)
    error_message = "runtime must be a Node.js Lambda runtime from nodejs22.x on, such as \"nodejs22.x\" (the bundle targets Node.js 22)."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency for the function, or null for none (unreserved). 0 disables the function."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrent_executions == null || (coalesce(var.reserved_concurrent_executions, 0) >= 0 && floor(coalesce(var.reserved_concurrent_executions, 0)) == coalesce(var.reserved_concurrent_executions, 0))
    error_message = "reserved_concurrent_executions must be null or a whole number >= 0."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group in days; one of CloudWatch's allowed finite values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "log_level" {
  description = "Powertools log level (POWERTOOLS_LOG_LEVEL): TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL or SILENT."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"], var.log_level)
    error_message = "log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT."
  }
}

variable "connect_timeout_ms" {
  description = "Connection timeout for STS and target-service calls in milliseconds (CROSS_ACCOUNT_CONNECT_TIMEOUT_MS)."
  type        = number
  default     = 1000

  validation {
    condition     = var.connect_timeout_ms >= 1 && var.connect_timeout_ms <= 60000 && floor(var.connect_timeout_ms) == var.connect_timeout_ms
    error_message = "connect_timeout_ms must be a whole number of milliseconds from 1 to 60000."
  }
}

variable "request_timeout_ms" {
  description = "Per-attempt request timeout for STS and target-service calls in milliseconds (CROSS_ACCOUNT_REQUEST_TIMEOUT_MS)."
  type        = number
  default     = 3000

  validation {
    condition     = var.request_timeout_ms >= 1 && var.request_timeout_ms <= 900000 && floor(var.request_timeout_ms) == var.request_timeout_ms
    error_message = "request_timeout_ms must be a whole number of milliseconds from 1 to 900000."
  }
}

variable "max_attempts" {
  description = "Attempts per AWS call, first try included, SDK standard retry mode (CROSS_ACCOUNT_MAX_ATTEMPTS, 1-10)."
  type        = number
  default     = 3

  validation {
    condition     = var.max_attempts >= 1 && var.max_attempts <= 10 && floor(var.max_attempts) == var.max_attempts
    error_message = "max_attempts must be a whole number from 1 to 10."
  }
}

variable "environment_variables" {
  description = "Extra environment variables for the function. Must not set CROSS_ACCOUNT_* or POWERTOOLS_LOG_LEVEL (use the module's inputs) nor Lambda's reserved variables. POWERTOOLS_SERVICE_NAME (default: function_name) may be overridden."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment_variables) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", k))])
    error_message = "environment_variables keys must start with a letter and contain only letters, digits and underscores."
  }

  validation {
    condition = alltrue([
      for k in keys(var.environment_variables) : !startswith(k, "CROSS_ACCOUNT_") && !contains([
        "POWERTOOLS_LOG_LEVEL", "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
      ], k)
    ])
    error_message = "environment_variables must not set CROSS_ACCOUNT_* or POWERTOOLS_LOG_LEVEL (set them through the module's inputs) nor a variable Lambda reserves (AWS_REGION, AWS_ACCESS_KEY_ID, _HANDLER, ...)."
  }
}

variable "role_name" {
  description = "Exact name of the execution role (no generated prefix, so target accounts can trust it before it exists). null uses function_name."
  type        = string
  default     = null

  validation {
    condition     = var.role_name == null || can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", coalesce(var.role_name, "x")))
    error_message = "role_name must be null or 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "role_path" {
  description = "IAM path of the execution role and of the assume-targets policy. It is part of the role ARN the target roles trust."
  type        = string
  default     = "/"

  validation {
    condition     = length(var.role_path) <= 512 && can(regex("^/([!-~]+/)?$", var.role_path))
    error_message = "role_path must be \"/\" or start and end with \"/\" (for example \"/lambda/\"), at most 512 printable ASCII characters."
  }
}

variable "permissions_boundary" {
  description = "ARN of a managed policy to set as the execution role's permissions boundary, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary == null || can(regex("^arn:aws(-[a-z]+)*:iam::([0-9]{12}|aws):policy/([!-~]+/)?[A-Za-z0-9+=,.@_-]{1,128}$", coalesce(var.permissions_boundary, "x")))
    error_message = "permissions_boundary must be null or an IAM managed policy ARN such as \"arn:aws:iam::111111111111:policy/boundary\"."
  }
}

variable "managed_policy_arns" {
  description = "Extra managed policies to attach to the execution role, keyed by a static name (the ARNs may be computed), for example { xray = \"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess\" }."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.managed_policy_arns) : can(regex("^[A-Za-z0-9_-]{1,64}$", k))])
    error_message = "managed_policy_arns keys must be 1-64 characters of letters, digits, hyphens and underscores."
  }

  validation {
    condition     = alltrue([for arn in values(var.managed_policy_arns) : can(regex("^arn:aws(-[a-z]+)*:iam::([0-9]{12}|aws):policy/([!-~]+/)?[A-Za-z0-9+=,.@_-]{1,128}$", arn))])
    error_message = "managed_policy_arns values must be IAM managed policy ARNs such as \"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess\"."
  }
}

variable "package_path" {
  description = "Path of the deployment zip with your handler, for example built with `npx cross-account-lambda bundle src/handler.ts -o dist/function.zip`. null deploys the shipped function that shipped_function names (<module>/package/function.zip for Pinpoint, customer-profiles.zip for Customer Profiles), which needs no Node.js where Terraform runs."
  type        = string
  default     = null

  validation {
    condition     = var.package_path == null || endswith(coalesce(var.package_path, "x.zip"), ".zip")
    error_message = "package_path must be null or the path of a .zip file."
  }
}

variable "shipped_function" {
  description = "The shipped function deployed when package_path is null: \"pinpoint\" (Pinpoint endpoints; Pinpoint's engagement features reached end of support on 2026-10-30; needs pinpoint_app_id on every target) or \"customer-profiles\" (the same event contract on Amazon Connect Customer Profiles; needs settings.customerProfilesDomain on every target, and the target role's customer_profiles preset). Leave the default when package_path is set."
  type        = string
  default     = "pinpoint"
  nullable    = false

  validation {
    condition     = contains(["pinpoint", "customer-profiles"], var.shipped_function)
    error_message = "shipped_function must be \"pinpoint\" or \"customer-profiles\"."
  }
}

variable "handler" {
  description = "Function entry point in the zip, <file without extension>.<exported function> (Lambda's `handler`)."
  type        = string
  default     = "index.handler"

  validation {
    condition     = length(var.handler) <= 128 && can(regex("^[A-Za-z0-9_./-]*[A-Za-z0-9_-]\\.[A-Za-z_$][A-Za-z0-9_$]*$", var.handler))
    error_message = "handler must be <file>.<export> such as \"index.handler\" or \"src/app.main\" (at most 128 characters, no spaces)."
  }
}

variable "publish" {
  description = "Publish a numbered version of the function on every code or configuration change (output qualified_arn)."
  type        = bool
  default     = false
}

variable "policy_statements" {
  description = <<-EOT
    Source-account permissions the function itself needs (its Kinesis trigger, its own dead-letter queue, ...), as IAM
    statements keyed by Sid (terraform-aws-iam v6's shape), in one inline policy of the execution role. Each: actions
    (full "service:Action" names, no wildcards), resources (ARNs with no wildcard in partition, service, region or
    account; never "*"), effect ("Allow" or "Deny", default "Allow"), optional condition as a list of
    { test, variable, values }. NotAction/NotResource are not supported.
  EOT
  type = map(object({
    actions   = list(string)
    resources = list(string)
    effect    = optional(string, "Allow")
    condition = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
    not_actions   = optional(list(string))
    not_resources = optional(list(string))
  }))
  default = {}

  validation {
    condition     = alltrue([for sid in keys(var.policy_statements) : can(regex("^[A-Za-z0-9]{1,100}$", sid))])
    error_message = "Each policy_statements key (the statement's Sid) must be 1-100 letters or digits."
  }

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : contains(["Allow", "Deny"], s.effect)])
    error_message = "Each policy_statements effect must be \"Allow\" or \"Deny\"."
  }

  validation {
    condition = alltrue([
      for s in values(var.policy_statements) : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9]+$", a))])
    ])
    error_message = "Each policy_statements entry needs at least one action, each a full \"service:Action\" name without wildcards (for example \"kinesis:GetRecords\")."
  }

  validation {
    condition = alltrue([
      for s in values(var.policy_statements) : length(s.resources) > 0 && alltrue([
        for r in s.resources : can(regex("^arn:[^:*?]+:[^:*?]+:[^:*?]*:[^:*?]*:.+$", r))
      ])
    ])
    error_message = "Each policy_statements entry needs at least one resource, each an ARN whose partition, service, region and account have no wildcard (\"*\", \"arn:aws:sqs:*:*:*\" are rejected); a wildcard after them is allowed, as in \"arn:aws:s3:::bucket/prefix/*\"."
  }

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : s.not_actions == null && s.not_resources == null])
    error_message = "policy_statements must not use not_actions/not_resources (NotAction/NotResource); list the actions and resources explicitly."
  }

  validation {
    condition = alltrue([
      for s in values(var.policy_statements) : length(distinct([for c in s.condition : "${c.test}|${c.variable}"])) == length(s.condition) && alltrue([
        for c in s.condition : can(regex("^(ForAnyValue:|ForAllValues:)?[A-Za-z]+$", c.test)) && length(c.variable) > 0 && length(c.values) > 0
      ])
    ])
    error_message = "Each policy_statements condition needs a test operator (for example \"StringEquals\"), a variable and at least one value; a (test, variable) pair may appear once per statement."
  }
}

variable "tags" {
  description = "Tags for every taggable resource (role, policy, log group, function)."
  type        = map(string)
  default     = {}
}
