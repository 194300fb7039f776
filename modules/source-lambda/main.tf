data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  partition      = data.aws_partition.current.partition
  region         = data.aws_region.current.id
  account_id     = coalesce(var.account_id, data.aws_caller_identity.current.account_id)
  role_name      = coalesce(var.role_name, var.function_name)
  log_group_name = "/aws/lambda/${var.function_name}"
  # Built rather than read from the log group or the function, so the policies are
  # known at plan time and the function's own ARN can be a condition of its role's
  # policies without a cycle. data.aws_region's `id` is the region name in provider
  # 5.x and 6.x (`name` is deprecated in 6.x). Postconditions compare both with the
  # real ARNs at apply.
  log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}"
  function_arn  = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${var.function_name}"

  # The functions this module ships (lambda/functions), one event contract on two services. package_path
  # null deploys var.shipped_function; each needs one setting on every target.
  shipped_functions = {
    pinpoint = {
      zip         = "function.zip"
      setting     = "pinpointAppId"
      input       = "pinpoint_app_id (or settings.pinpointAppId)"
      description = "Reads and updates Pinpoint endpoints in other accounts through cross-account roles"
    }
    customer-profiles = {
      zip         = "customer-profiles.zip"
      setting     = "customerProfilesDomain"
      input       = "settings.customerProfilesDomain"
      description = "Reads and updates endpoint profiles in Customer Profiles domains in other accounts through cross-account roles"
    }
  }
  shipped_bundle = var.package_path == null
  shipped        = local.shipped_functions[var.shipped_function]
  package_path   = coalesce(var.package_path, "${path.module}/package/${local.shipped.zip}")
  description    = coalesce(var.description, local.shipped_bundle ? local.shipped.description : "Reaches other AWS accounts through cross-account roles")

  # settings plus pinpointAppId = pinpoint_app_id when set (CONTRACT.md).
  target_settings = {
    for name, t in var.targets : name => merge(t.settings, t.pinpoint_app_id == null ? {} : { pinpointAppId = t.pinpoint_app_id })
  }
  targets_without_required_setting = sort([for name, s in local.target_settings : name if !contains(keys(s), local.shipped.setting)])
  targets_with_bad_domain = sort([
    for name, s in local.target_settings : name if can(s.customerProfilesDomain) && !can(regex("^[a-zA-Z0-9_-]{1,64}$", lookup(s, "customerProfilesDomain", "x")))
  ])

  # Only attributes that differ from the runtime's defaults; jsonencode sorts keys,
  # so the value is stable. Contract: docs/architecture.md, "Function environment".
  cross_account_targets = {
    for name, t in var.targets : name => {
      for k, v in {
        roleArn                = t.role_arn
        region                 = t.region
        externalId             = t.external_id
        sessionDurationSeconds = t.session_duration_seconds
        sourceIdentity         = t.source_identity ? null : false
        prefetch               = t.prefetch ? null : false
        settings               = length(local.target_settings[name]) > 0 ? local.target_settings[name] : null
      } : k => v if v != null
    }
  }

  environment_variables = tomap(merge(
    { POWERTOOLS_SERVICE_NAME = var.function_name },
    var.environment_variables,
    {
      CROSS_ACCOUNT_TARGETS            = jsonencode(local.cross_account_targets)
      CROSS_ACCOUNT_CONNECT_TIMEOUT_MS = tostring(var.connect_timeout_ms)
      CROSS_ACCOUNT_REQUEST_TIMEOUT_MS = tostring(var.request_timeout_ms)
      CROSS_ACCOUNT_MAX_ATTEMPTS       = tostring(var.max_attempts)
      POWERTOOLS_LOG_LEVEL             = var.log_level
    },
  ))

  target_role_arns = sort(distinct([for t in values(var.targets) : t.role_arn]))

  # Lambda adds lambda:SourceFunctionArn to every call made with the credentials it
  # hands this function (and to the CreateLogStream/PutLogEvents calls it makes for
  # it): the execution role's credentials used anywhere else, or by another function
  # given this role, match none of the statements below.
  this_function_only = { ArnEquals = { "lambda:SourceFunctionArn" = local.function_arn } }

  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "LambdaService"
        Effect    = "Allow"
        Principal = { Service = "lambda.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      }
    ]
  })

  logs_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "WriteOwnLogGroup"
        Effect    = "Allow"
        Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource  = "${local.log_group_arn}:log-stream:*"
        Condition = local.this_function_only
      }
    ]
  })

  assume_targets_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AssumeTargetRoles"
        Effect    = "Allow"
        Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
        Resource  = local.target_role_arns
        Condition = local.this_function_only
      }
    ]
  })

  # policy_statements (keyed by Sid), rendered like target-role's raw statements.
  statements_policy = length(var.policy_statements) == 0 ? null : jsonencode({
    Version = "2012-10-17"
    Statement = [
      for sid, s in var.policy_statements : {
        for k, v in {
          Sid      = sid
          Effect   = s.effect
          Action   = s.actions
          Resource = s.resources
          Condition = length(s.condition) == 0 ? null : {
            for test in distinct([for c in s.condition : c.test]) :
            test => { for c in s.condition : c.variable => c.values if c.test == test }
          }
        } : k => v if v != null
      }
    ]
  })
}

resource "aws_iam_role" "this" {
  name                 = local.role_name
  path                 = var.role_path
  description          = "Execution role of Lambda function ${var.function_name}"
  assume_role_policy   = local.trust_policy
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags

  lifecycle {
    precondition {
      condition     = var.account_id == null || var.account_id == data.aws_caller_identity.current.account_id
      error_message = "account_id (${coalesce(var.account_id, "null")}) is not the account the AWS provider is signed in to (${data.aws_caller_identity.current.account_id})."
    }

    precondition {
      condition     = alltrue([for arn in local.target_role_arns : split(":", arn)[1] == local.partition])
      error_message = "Every targets role_arn must be in the provider's partition (${local.partition})."
    }
  }
}

# Terraform owns the group, so retention is set and nothing outside Terraform
# needs logs:CreateLogGroup.
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
  tags              = var.tags
}

# Every policy below is replaced with the role (replace_triggered_by its unique id):
# deleting the role removes its inline policies and attachments in IAM, and without
# this a `-replace` of the role would leave them missing until a second apply.
resource "aws_iam_role_policy" "logs" {
  name   = "write-own-log-group"
  role   = aws_iam_role.this.id
  policy = local.logs_policy

  lifecycle {
    replace_triggered_by = [aws_iam_role.this.unique_id]

    precondition {
      condition     = trimsuffix(aws_cloudwatch_log_group.this.arn, ":*") == local.log_group_arn
      error_message = "The log group's ARN differs from the one the logs policy is built with (${local.log_group_arn})."
    }
  }
}

resource "aws_iam_role_policy" "statements" {
  count = length(var.policy_statements) > 0 ? 1 : 0

  name   = "policy-statements"
  role   = aws_iam_role.this.id
  policy = local.statements_policy

  lifecycle {
    replace_triggered_by = [aws_iam_role.this.unique_id]
  }
}

resource "aws_iam_policy" "assume_targets" {
  name        = "${local.role_name}-assume-targets"
  path        = var.role_path
  description = "Lets ${var.function_name} assume its cross-account target roles"
  policy      = local.assume_targets_policy
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "assume_targets" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.assume_targets.arn

  lifecycle {
    replace_triggered_by = [aws_iam_role.this.unique_id]
  }
}

# Static keys from the caller; the ARNs themselves may be unknown until apply.
resource "aws_iam_role_policy_attachment" "extra" {
  for_each = var.managed_policy_arns

  role       = aws_iam_role.this.name
  policy_arn = each.value

  lifecycle {
    replace_triggered_by = [aws_iam_role.this.unique_id]
  }
}

resource "aws_lambda_function" "this" {
  function_name                  = var.function_name
  description                    = local.description
  role                           = aws_iam_role.this.arn
  handler                        = var.handler
  runtime                        = var.runtime
  architectures                  = [var.architecture]
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions == null ? -1 : var.reserved_concurrent_executions
  publish                        = var.publish
  filename                       = local.package_path
  source_code_hash               = fileexists(local.package_path) ? filebase64sha256(local.package_path) : null
  tags                           = var.tags

  environment {
    variables = local.environment_variables
  }

  lifecycle {
    precondition {
      condition     = fileexists(local.package_path)
      error_message = "The deployment package ${local.package_path} does not exist. Build it (for a TypeScript handler: npx cross-account-lambda bundle src/handler.ts -o dist/function.zip) or set package_path to an existing zip."
    }

    precondition {
      condition     = !local.shipped_bundle || length(local.targets_without_required_setting) == 0
      error_message = "targets ${join(", ", local.targets_without_required_setting)}: the shipped ${var.shipped_function} function (package_path = null, shipped_function = \"${var.shipped_function}\") needs ${local.shipped.input} on every target."
    }

    precondition {
      condition     = local.shipped_bundle || var.shipped_function == "pinpoint"
      error_message = "shipped_function = \"${var.shipped_function}\" selects a shipped bundle, but package_path is set: leave package_path null to deploy the shipped function, or drop shipped_function to deploy your own zip."
    }

    precondition {
      condition     = length(local.targets_with_bad_domain) == 0
      error_message = "targets ${join(", ", local.targets_with_bad_domain)}: settings.customerProfilesDomain must be a Customer Profiles domain name, ^[a-zA-Z0-9_-]{1,64}$."
    }

    postcondition {
      condition     = self.arn == local.function_arn
      error_message = "The function's ARN (${self.arn}) differs from the one its role's policies are bound to with lambda:SourceFunctionArn (${local.function_arn})."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.logs,
    aws_iam_role_policy.statements,
    aws_iam_role_policy_attachment.assume_targets,
    aws_iam_role_policy_attachment.extra,
  ]
}

check "retries_fit_in_function_timeout" {
  assert {
    # STS then the target service, and both once more when an expired session is re-assumed:
    # 4 phases of max_attempts attempts plus the SDK's backoff before each retry (at most
    # 0.5 s x 2^(n-1) before retry n after throttling, capped at 20 s).
    condition     = 4 * (var.max_attempts * (var.connect_timeout_ms + var.request_timeout_ms) + local.max_backoff_ms) < var.timeout * 1000
    error_message = "4 x (max_attempts x (connect_timeout_ms + request_timeout_ms) + backoff) = ${4 * (var.max_attempts * (var.connect_timeout_ms + var.request_timeout_ms) + local.max_backoff_ms)} ms is not below the function timeout (${var.timeout}s): a slow STS and target service (twice, when an expired session is re-assumed) can time the whole invocation out before the retries finish."
  }
}

locals {
  # The SDK's largest standard-mode backoff over one call's retries (throttling: 0.5 s x 2^(n-1) before retry n, at most 20 s).
  max_backoff_ms = sum(concat([0], [for n in range(1, var.max_attempts) : min(20000, 500 * pow(2, n - 1))]))
}
