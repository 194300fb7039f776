variable "region" {
  description = "AWS region of the target resources (for example eu-west-1). Used in every preset ARN and kms:ViaService value."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\" or \"us-gov-west-1\"."
  }
}

variable "account_id" {
  description = "12-digit id of the target account: the account this module is applied in, which owns the resources the presets name."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id, for example \"222222222222\"."
  }
}

variable "pinpoint_app_id" {
  description = "Optional id of a Pinpoint application (32 lowercase hex characters): the same as permissions.pinpoint_endpoints on that app (GetEndpoint and UpdateEndpoint on its endpoints). null for none."
  type        = string
  default     = null

  validation {
    condition     = var.pinpoint_app_id == null || can(regex("^[0-9a-f]{32}$", coalesce(var.pinpoint_app_id, "-")))
    error_message = "pinpoint_app_id must be null or a Pinpoint application id: exactly 32 lowercase hexadecimal characters."
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

variable "role_path" {
  description = "IAM path of the role. It becomes part of the role ARN (arn:...:role<path><role_name>)."
  type        = string
  default     = "/"

  validation {
    condition     = length(var.role_path) <= 512 && can(regex("^/([!-~]+/)?$", var.role_path))
    error_message = "role_path must be \"/\" or start and end with \"/\" (for example \"/integrations/\"), at most 512 printable ASCII characters."
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

variable "permissions" {
  description = <<-EOT
    Least-privilege presets: preset name => { resources = NAMES (not ARNs; the module builds the ARNs from aws_partition, region and account_id), optional extras }.
    Presets: pinpoint_endpoints (app ids), customer_profiles (domain names), ssm_read (parameter names or paths), sqs_send (queue names), dynamodb_read and dynamodb_write (table names),
    s3_read and s3_write (bucket names), iot_publish (topic names), kinesis_write (stream names).
    Extras, each read only by the presets named: kms_key_arns (customer managed key ARNs for SSE-KMS; ssm_read, sqs_send, s3_read, s3_write, kinesis_write), indexes (index names on every listed table; dynamodb_read),
    prefixes (object key prefixes, "/" appended when missing; s3_read, s3_write), recursive (allow GetParametersByPath with Recursive=true; ssm_read), describe_endpoint (grant iot:DescribeEndpoint, default true; iot_publish).
  EOT
  type = map(object({
    resources         = list(string)
    kms_key_arns      = optional(list(string), [])
    indexes           = optional(list(string), [])
    prefixes          = optional(list(string), [])
    recursive         = optional(bool, false)
    describe_endpoint = optional(bool, true)
  }))
  default = {}

  validation {
    condition     = alltrue([for k in keys(var.permissions) : contains(["pinpoint_endpoints", "customer_profiles", "ssm_read", "sqs_send", "dynamodb_read", "dynamodb_write", "s3_read", "s3_write", "iot_publish", "kinesis_write"], k)])
    error_message = "permissions keys must be preset names: pinpoint_endpoints, customer_profiles, ssm_read, sqs_send, dynamodb_read, dynamodb_write, s3_read, s3_write, iot_publish, kinesis_write (anything else goes in statements)."
  }

  validation {
    condition     = alltrue([for k, p in var.permissions : length(p.resources) > 0 && length(distinct(p.resources)) == length(p.resources)])
    error_message = "Each permissions entry needs at least one resource name in resources, without duplicates."
  }

  validation {
    condition     = alltrue(flatten([for k, p in var.permissions : [for r in concat(p.resources, p.indexes, p.prefixes) : !strcontains(r, "*") && !strcontains(r, "?") && !startswith(r, "arn:")]]))
    error_message = "permissions resources, indexes and prefixes must be names, not ARNs or patterns: no \"arn:\", no wildcard (* or ?), for example resources = [\"orders\"]."
  }

  validation {
    condition     = alltrue(flatten([for k, p in var.permissions : [for a in p.kms_key_arns : can(regex("^arn:aws(-[a-z]+)*:kms:[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:key/[A-Za-z0-9-]{1,128}$", a))]]))
    error_message = "Each permissions kms_key_arns entry must be a KMS key ARN such as \"arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab\" (an alias ARN does not authorize the key)."
  }

  validation {
    condition     = alltrue(flatten([for k, p in var.permissions : [for i in p.indexes : can(regex("^[A-Za-z0-9_.-]{3,255}$", i))]]))
    error_message = "Each permissions indexes entry must be a DynamoDB index name: 3-255 letters, digits, _.-."
  }

  validation {
    condition     = alltrue(flatten([for k, p in var.permissions : [for x in p.prefixes : length(x) > 0 && length(x) <= 1024 && !startswith(x, "/") && x != "/"]]))
    error_message = "Each permissions prefixes entry must be an object key prefix such as \"reports/\": not empty, not starting with \"/\", at most 1024 characters."
  }
}

variable "statements" {
  description = <<-EOT
    Raw IAM statements for what no preset covers, keyed by Sid (letters and digits; the terraform-aws-iam v6 inline policy shape): { actions, resources, effect = "Allow"|"Deny" (default "Allow"), condition = [{ test, variable, values }] }.
    Actions are full "service:Action" names without wildcards; resources are ARNs with no wildcard in partition, service, region or account (never "*"); not_actions/not_resources are rejected.
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
    condition     = alltrue([for sid in keys(var.statements) : can(regex("^[A-Za-z0-9]{1,100}$", sid))])
    error_message = "Each statements key is the statement's Sid: 1-100 letters or digits."
  }

  validation {
    condition     = alltrue([for sid, s in var.statements : contains(["Allow", "Deny"], s.effect)])
    error_message = "Each statements effect must be \"Allow\" or \"Deny\"."
  }

  validation {
    condition = alltrue([
      for sid, s in var.statements : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9]+$", a))])
    ])
    error_message = "Each statements entry needs at least one action, each a full \"service:Action\" name without wildcards (for example \"ses:SendEmail\")."
  }

  validation {
    condition = alltrue([
      for sid, s in var.statements : length(s.resources) > 0 && alltrue([
        for r in s.resources : can(regex("^arn:[^:*?]+:[^:*?]+:[^:*?]*:[^:*?]*:.+$", r))
      ])
    ])
    error_message = "Each statements entry needs at least one resource, each an ARN whose partition, service, region and account have no wildcard (\"*\", \"arn:aws:sqs:*:*:*\" are rejected); a wildcard after them is allowed, as in \"arn:aws:s3:::bucket/prefix/*\"."
  }

  validation {
    condition     = alltrue([for sid, s in var.statements : s.not_actions == null && s.not_resources == null])
    error_message = "statements must not use not_actions/not_resources (NotAction/NotResource); list the actions and resources explicitly."
  }

  validation {
    condition = alltrue([
      for sid, s in var.statements : length(distinct([for c in s.condition : "${c.test}|${c.variable}"])) == length(s.condition) && alltrue([
        for c in s.condition : can(regex("^(ForAnyValue:|ForAllValues:)?[A-Za-z]+$", c.test)) && length(c.variable) > 0 && length(c.values) > 0
      ])
    ])
    error_message = "Each statements condition needs a test operator (for example \"StringEquals\"), a variable and at least one value; a (test, variable) pair may appear once per statement."
  }
}

variable "source_identities" {
  description = "Optional: the source identities (the calling functions' names, which the runtime sends as SourceIdentity) allowed to assume the role, enforced with StringEquals on sts:SourceIdentity. Empty: any source identity (the trust allows sts:SetSourceIdentity either way)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.source_identities : can(regex("^[A-Za-z0-9_+=,.@-]{2,64}$", s))]) && length(distinct(var.source_identities)) == length(var.source_identities)
    error_message = "Each source_identities entry must be 2-64 characters of letters, digits and _+=,.@- (a Lambda function name), without duplicates."
  }
}

variable "session_tag_keys" {
  description = "Optional: session tag keys the trusted principals may pass when assuming the role (sts:TagSession, restricted with ForAllValues:StringEquals on aws:TagKeys). Empty: no session tags allowed."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for k in var.session_tag_keys : can(regex("^[A-Za-z0-9 _.:/=+@-]{1,128}$", k)) && !startswith(lower(k), "aws:")]) && length(distinct(var.session_tag_keys)) == length(var.session_tag_keys)
    error_message = "Each session_tag_keys entry must be a tag key of 1-128 letters, digits, spaces and _.:/=+@- (no wildcard, not starting with aws:), without duplicates."
  }
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
}
