data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  partition      = data.aws_partition.current.partition
  account_id     = coalesce(var.account_id, data.aws_caller_identity.current.account_id)
  role_name      = coalesce(var.role_name, var.function_name)
  log_group_name = "/aws/lambda/${var.function_name}"
  # Built rather than read from the log group so the policy is known at plan
  # time. `name` exists in provider 5.x and (deprecated) in 6.x.
  log_group_arn = "arn:${local.partition}:logs:${data.aws_region.current.id}:${local.account_id}:log-group:${local.log_group_name}"
  package_path  = coalesce(var.package_path, "${path.module}/package/function.zip")

  # Only attributes that are set; jsonencode sorts keys, so the value is stable.
  # Contract: docs/architecture.md, "Function environment".
  cross_account_targets = {
    for name, t in var.targets : name => {
      for k, v in {
        roleArn                = t.role_arn
        region                 = t.region
        pinpointAppId          = t.pinpoint_app_id
        externalId             = t.external_id
        sessionDurationSeconds = t.session_duration_seconds
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
        Sid      = "WriteOwnLogGroup"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${local.log_group_arn}:log-stream:*"
      }
    ]
  })

  assume_targets_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssumeTargetRoles"
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = local.target_role_arns
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

resource "aws_iam_role_policy" "logs" {
  name   = "write-own-log-group"
  role   = aws_iam_role.this.id
  policy = local.logs_policy

  lifecycle {
    precondition {
      condition     = trimsuffix(aws_cloudwatch_log_group.this.arn, ":*") == local.log_group_arn
      error_message = "The log group's ARN differs from the one the logs policy is built with (${local.log_group_arn})."
    }
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
}

# Static keys from the caller; the ARNs themselves may be unknown until apply.
resource "aws_iam_role_policy_attachment" "extra" {
  for_each = var.managed_policy_arns

  role       = aws_iam_role.this.name
  policy_arn = each.value
}

resource "aws_lambda_function" "this" {
  function_name                  = var.function_name
  description                    = var.description
  role                           = aws_iam_role.this.arn
  handler                        = "index.handler"
  runtime                        = var.runtime
  architectures                  = [var.architecture]
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions == null ? -1 : var.reserved_concurrent_executions
  filename                       = local.package_path
  source_code_hash               = fileexists(local.package_path) ? filebase64sha256(local.package_path) : null
  tags                           = var.tags

  environment {
    variables = local.environment_variables
  }

  lifecycle {
    precondition {
      condition     = fileexists(local.package_path)
      error_message = "The deployment package ${local.package_path} does not exist. Build it with `make build` or set package_path to a zip."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.logs,
    aws_iam_role_policy_attachment.assume_targets,
    aws_iam_role_policy_attachment.extra,
  ]
}

check "retries_fit_in_function_timeout" {
  assert {
    # STS then Pinpoint, and both once more when an expired session is re-assumed.
    condition     = 4 * var.max_attempts * (var.connect_timeout_ms + var.request_timeout_ms) < var.timeout * 1000
    error_message = "4 x max_attempts x (connect_timeout_ms + request_timeout_ms) is not below the function timeout (${var.timeout}s): a slow STS and Pinpoint (twice, when an expired session is re-assumed) can time the whole invocation out before the retries finish."
  }
}
