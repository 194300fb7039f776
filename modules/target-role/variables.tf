variable "region" {
  description = "AWS region of the Pinpoint application (for example eu-west-1). Used in the endpoint resource ARN."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\" or \"us-gov-west-1\"."
  }
}

variable "account_id" {
  description = "12-digit id of the target account: the account this module is applied in, which owns the Pinpoint application."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id, for example \"222222222222\"."
  }
}

variable "pinpoint_app_id" {
  description = "Id of the Pinpoint application whose endpoints the role may read and update (32 lowercase hex characters)."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{32}$", var.pinpoint_app_id))
    error_message = "pinpoint_app_id must be a Pinpoint application id: exactly 32 lowercase hexadecimal characters."
  }
}

variable "lambda_account_id" {
  description = "12-digit id of the source account that runs the Lambda function. Its root is the trust policy's principal."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.lambda_account_id))
    error_message = "lambda_account_id must be a 12-digit AWS account id, for example \"111111111111\"."
  }
}

variable "trusted_role_arns" {
  description = "ARNs of the Lambda execution role(s) in lambda_account_id allowed to assume this role (matched with aws:PrincipalArn). They need not exist yet."
  type        = list(string)

  validation {
    condition     = length(var.trusted_role_arns) > 0
    error_message = "trusted_role_arns must list at least one execution role ARN."
  }

  validation {
    condition = alltrue([
      for arn in var.trusted_role_arns :
      can(regex("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([!-~]+/)?[A-Za-z0-9+=,.@_-]{1,64}$", arn)) && !strcontains(arn, "*") && !strcontains(arn, "?")
    ])
    error_message = "Each trusted_role_arns entry must be an IAM role ARN without wildcards, like \"arn:aws:iam::111111111111:role/my-function\" (a path such as role/app/my-function is allowed)."
  }

  validation {
    condition     = length(distinct(var.trusted_role_arns)) == length(var.trusted_role_arns)
    error_message = "trusted_role_arns must not contain duplicates."
  }
}

variable "role_name" {
  description = "Exact name of the role (no generated prefix), so the source account can compute its ARN before this account is applied."
  type        = string
  default     = "cross-account-pinpoint-endpoints"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "path" {
  description = "IAM path of the role. It becomes part of the role ARN (arn:...:role<path><role_name>)."
  type        = string
  default     = "/"

  validation {
    condition     = length(var.path) <= 512 && can(regex("^/([!-~]+/)?$", var.path))
    error_message = "path must be \"/\" or start and end with \"/\" (for example \"/integrations/\"), at most 512 printable ASCII characters."
  }
}

variable "external_id" {
  description = "Optional external id the caller must present (enforced with an sts:ExternalId StringEquals condition). null disables the check."
  type        = string
  default     = null

  validation {
    condition     = var.external_id == null || (length(coalesce(var.external_id, "x")) >= 2 && length(coalesce(var.external_id, "x")) <= 1224 && can(regex("^[A-Za-z0-9_+=,.@:/-]+$", coalesce(var.external_id, "x"))))
    error_message = "external_id must be null or 2-1224 characters of letters, digits and _+=,.@:/-."
  }
}

variable "max_session_duration" {
  description = "Maximum session duration of the role in seconds (3600 to 43200). The function reaches this role by role chaining, which AWS caps at one hour, so values above 3600 only matter for other callers."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200 && floor(var.max_session_duration) == var.max_session_duration
    error_message = "max_session_duration must be a whole number of seconds from 3600 to 43200."
  }
}

variable "permissions_boundary" {
  description = "ARN of a managed policy to set as the role's permissions boundary, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary == null || can(regex("^arn:aws(-[a-z]+)*:iam::([0-9]{12}|aws):policy/([!-~]+/)?[A-Za-z0-9+=,.@_-]{1,128}$", var.permissions_boundary))
    error_message = "permissions_boundary must be null or an IAM managed policy ARN such as \"arn:aws:iam::222222222222:policy/boundary\"."
  }
}

variable "extra_policy_statements" {
  description = <<-EOT
    Additional IAM statements for the role's inline policy, for other services reached the same way (SES, DynamoDB, SQS, SSM, S3, ...).
    Each: sid (alphanumeric, unique), effect ("Allow" or "Deny"), actions (no wildcards), resources (ARNs with no wildcard in partition, service, region or account; never "*"),
    optional conditions as a list of { test, variable, values }. NotAction/NotResource are not supported.
  EOT
  type = list(object({
    sid       = string
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
    not_actions   = optional(list(string))
    not_resources = optional(list(string))
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.extra_policy_statements : can(regex("^[A-Za-z0-9]{1,100}$", s.sid))])
    error_message = "Each extra_policy_statements sid must be 1-100 letters or digits."
  }

  validation {
    condition     = length(distinct([for s in var.extra_policy_statements : s.sid])) == length(var.extra_policy_statements) && !contains([for s in var.extra_policy_statements : s.sid], "PinpointEndpointAccess")
    error_message = "extra_policy_statements sids must be unique and must not be \"PinpointEndpointAccess\" (used by this module)."
  }

  validation {
    condition     = alltrue([for s in var.extra_policy_statements : contains(["Allow", "Deny"], s.effect)])
    error_message = "Each extra_policy_statements effect must be \"Allow\" or \"Deny\"."
  }

  validation {
    condition = alltrue([
      for s in var.extra_policy_statements : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9]+$", a))])
    ])
    error_message = "Each extra_policy_statements entry needs at least one action, each a full \"service:Action\" name without wildcards (for example \"ses:SendEmail\")."
  }

  validation {
    condition = alltrue([
      for s in var.extra_policy_statements : length(s.resources) > 0 && alltrue([
        for r in s.resources : can(regex("^arn:[^:*?]+:[^:*?]+:[^:*?]*:[^:*?]*:.+$", r))
      ])
    ])
    error_message = "Each extra_policy_statements entry needs at least one resource, each an ARN whose partition, service, region and account have no wildcard (\"*\", \"arn:aws:sqs:*:*:*\" are rejected); a wildcard after them is allowed, as in \"arn:aws:s3:::bucket/prefix/*\"."
  }

  validation {
    condition     = alltrue([for s in var.extra_policy_statements : s.not_actions == null && s.not_resources == null])
    error_message = "extra_policy_statements must not use not_actions/not_resources (NotAction/NotResource); list the actions and resources explicitly."
  }

  validation {
    condition = alltrue([
      for s in var.extra_policy_statements : length(distinct([for c in s.conditions : "${c.test}|${c.variable}"])) == length(s.conditions) && alltrue([
        for c in s.conditions : can(regex("^(ForAnyValue:|ForAllValues:)?[A-Za-z]+$", c.test)) && length(c.variable) > 0 && length(c.values) > 0
      ])
    ])
    error_message = "Each extra_policy_statements condition needs a test operator (for example \"StringEquals\"), a variable and at least one value; a (test, variable) pair may appear once per statement."
  }
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
}
