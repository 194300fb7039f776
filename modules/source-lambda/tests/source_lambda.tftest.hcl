# Offline unit tests: the AWS provider is mocked, nothing is created.
# Needs a deployment zip: the shipped package/function.zip, or
#   ./scripts/terraform.sh -chdir=modules/source-lambda test -var package_path=/tmp/placeholder.zip
# (make tf-test does this when the shipped zip is absent).

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "111111111111"
      arn        = "arn:aws:iam::111111111111:user/deployer"
    }
  }

  mock_data "aws_region" {
    defaults = {
      id   = "eu-west-1"
      name = "eu-west-1"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::111111111111:role/cross-account-endpoints"
    }
  }

  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:aws:iam::111111111111:policy/cross-account-endpoints-assume-targets"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/cross-account-endpoints"
    }
  }

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:111111111111:function:cross-account-endpoints"
    }
  }
}

variables {
  function_name = "cross-account-endpoints"
  targets = {
    eu-marketing = {
      role_arn        = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
      region          = "eu-west-1"
      pinpoint_app_id = "0123456789abcdef0123456789abcdef"
    }
  }
}

run "environment_renders_the_contract" {
  command = plan

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS) == {
      eu-marketing = {
        roleArn  = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
        region   = "eu-west-1"
        settings = { pinpointAppId = "0123456789abcdef0123456789abcdef" }
      }
    }
    error_message = "CROSS_ACCOUNT_TARGETS must hold camelCase keys, pinpoint_app_id as settings.pinpointAppId, and omit absent optionals and defaults."
  }

  assert {
    condition     = output.environment_variables.CROSS_ACCOUNT_TARGETS == "{\"eu-marketing\":{\"region\":\"eu-west-1\",\"roleArn\":\"arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints\",\"settings\":{\"pinpointAppId\":\"0123456789abcdef0123456789abcdef\"}}}"
    error_message = "CROSS_ACCOUNT_TARGETS must be compact JSON with sorted keys."
  }

  assert {
    condition = output.environment_variables == tomap({
      CROSS_ACCOUNT_TARGETS            = output.environment_variables.CROSS_ACCOUNT_TARGETS
      CROSS_ACCOUNT_CONNECT_TIMEOUT_MS = "1000"
      CROSS_ACCOUNT_REQUEST_TIMEOUT_MS = "3000"
      CROSS_ACCOUNT_MAX_ATTEMPTS       = "3"
      POWERTOOLS_LOG_LEVEL             = "INFO"
      POWERTOOLS_SERVICE_NAME          = "cross-account-endpoints"
    })
    error_message = "Default environment is wrong."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables == output.environment_variables
    error_message = "The function must get the rendered environment."
  }
}

run "environment_with_optionals_several_accounts_and_options" {
  command = plan

  variables {
    targets = {
      eu-marketing = {
        role_arn                 = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
        region                   = "eu-west-1"
        pinpoint_app_id          = "0123456789abcdef0123456789abcdef"
        external_id              = "tenant-42"
        session_duration_seconds = 1800
      }
      us_sales = {
        role_arn        = "arn:aws:iam::333333333333:role/team/pinpoint"
        region          = "us-east-1"
        pinpoint_app_id = "fedcba9876543210fedcba9876543210"
      }
    }
    connect_timeout_ms    = 500
    request_timeout_ms    = 2000
    max_attempts          = 2
    log_level             = "DEBUG"
    environment_variables = { FEATURE_X = "on", POWERTOOLS_SERVICE_NAME = "endpoints" }
  }

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS) == {
      eu-marketing = {
        roleArn                = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
        region                 = "eu-west-1"
        externalId             = "tenant-42"
        sessionDurationSeconds = 1800
        settings               = { pinpointAppId = "0123456789abcdef0123456789abcdef" }
      }
      us_sales = {
        roleArn  = "arn:aws:iam::333333333333:role/team/pinpoint"
        region   = "us-east-1"
        settings = { pinpointAppId = "fedcba9876543210fedcba9876543210" }
      }
    }
    error_message = "Optional externalId/sessionDurationSeconds must be rendered when set (number stays a number) and omitted otherwise."
  }

  assert {
    condition     = strcontains(output.environment_variables.CROSS_ACCOUNT_TARGETS, "\"sessionDurationSeconds\":1800")
    error_message = "sessionDurationSeconds must be a JSON number."
  }

  assert {
    condition = (
      output.environment_variables.CROSS_ACCOUNT_CONNECT_TIMEOUT_MS == "500" &&
      output.environment_variables.CROSS_ACCOUNT_REQUEST_TIMEOUT_MS == "2000" &&
      output.environment_variables.CROSS_ACCOUNT_MAX_ATTEMPTS == "2" &&
      output.environment_variables.POWERTOOLS_LOG_LEVEL == "DEBUG" &&
      output.environment_variables.POWERTOOLS_SERVICE_NAME == "endpoints" &&
      output.environment_variables.FEATURE_X == "on"
    )
    error_message = "Timeouts, attempts, log level and extra variables must reach the environment."
  }

  assert {
    condition = jsondecode(output.assume_targets_policy).Statement == [{
      Sid       = "AssumeTargetRoles"
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
      Resource  = ["arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints", "arn:aws:iam::333333333333:role/team/pinpoint"]
      Condition = { ArnEquals = { "lambda:SourceFunctionArn" = "arn:aws:lambda:eu-west-1:111111111111:function:cross-account-endpoints" } }
    }]
    error_message = "The assume policy must allow sts:AssumeRole and sts:SetSourceIdentity on exactly the target role ARNs, for this function only (lambda:SourceFunctionArn)."
  }
}

run "logs_policy_is_known_at_plan_and_scoped_to_own_group" {
  command = plan

  assert {
    condition = jsondecode(output.logs_policy).Statement == [{
      Sid       = "WriteOwnLogGroup"
      Effect    = "Allow"
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/cross-account-endpoints:log-stream:*"
      Condition = { ArnEquals = { "lambda:SourceFunctionArn" = "arn:aws:lambda:eu-west-1:111111111111:function:cross-account-endpoints" } }
    }]
    error_message = "Logs policy must cover only the function's own log group streams, for this function only (lambda:SourceFunctionArn)."
  }

  assert {
    condition     = aws_iam_role_policy.logs.policy == output.logs_policy
    error_message = "The inline logs policy must carry the rendered document at plan time."
  }
}

run "same_role_for_two_targets_is_listed_once" {
  command = plan

  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
      b = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "fedcba9876543210fedcba9876543210" }
    }
  }

  assert {
    condition     = jsondecode(output.assume_targets_policy).Statement[0].Resource == ["arn:aws:iam::222222222222:role/r"]
    error_message = "Duplicate role ARNs must be listed once."
  }
}

# Runs before any apply run: once the log group is in the test state its ARN
# comes from there, not from this override.
run "log_group_arn_mismatch_is_rejected" {
  command = plan
  override_resource {
    target          = aws_cloudwatch_log_group.this
    override_during = plan
    values = {
      arn = "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/cross-account-endpoints"
    }
  }
  expect_failures = [aws_iam_role_policy.logs]
}

run "function_arn_mismatch_is_rejected" {
  command = plan
  override_resource {
    target          = aws_lambda_function.this
    override_during = plan
    values = {
      arn = "arn:aws:lambda:us-east-1:111111111111:function:cross-account-endpoints"
    }
  }
  expect_failures = [aws_lambda_function.this]
}

run "execution_role_trust_and_policies" {
  command = apply

  assert {
    condition = jsondecode(output.trust_policy).Statement == [{
      Sid       = "LambdaService"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111111111111" } }
    }]
    error_message = "Execution role must trust lambda.amazonaws.com scoped with aws:SourceAccount."
  }

  assert {
    condition     = aws_iam_role.this.name == "cross-account-endpoints" && aws_iam_role.this.path == "/" && aws_iam_role.this.assume_role_policy == output.trust_policy
    error_message = "Execution role defaults are wrong."
  }

  assert {
    condition     = aws_iam_role_policy.logs.policy == output.logs_policy && aws_iam_policy.assume_targets.policy == output.assume_targets_policy
    error_message = "Policies must carry the rendered documents."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.assume_targets.policy_arn == output.assume_role_policy_arn && aws_iam_role_policy_attachment.assume_targets.role == "cross-account-endpoints"
    error_message = "The assume policy must be attached to the execution role."
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.extra) == 0
    error_message = "No extra attachments by default."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/cross-account-endpoints" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "Log group must be /aws/lambda/<function_name> with 30 days retention."
  }

  assert {
    condition = (
      aws_lambda_function.this.handler == "index.handler" &&
      aws_lambda_function.this.runtime == "nodejs22.x" &&
      aws_lambda_function.this.architectures == tolist(["arm64"]) &&
      aws_lambda_function.this.memory_size == 256 &&
      aws_lambda_function.this.timeout == 60 &&
      aws_lambda_function.this.reserved_concurrent_executions == -1 &&
      aws_lambda_function.this.role == "arn:aws:iam::111111111111:role/cross-account-endpoints"
    )
    error_message = "Function defaults are wrong."
  }

  assert {
    condition     = aws_lambda_function.this.source_code_hash == filebase64sha256(aws_lambda_function.this.filename)
    error_message = "source_code_hash must be the package's base64 SHA-256."
  }

  assert {
    condition = (
      output.function_name == "cross-account-endpoints" &&
      output.function_arn == "arn:aws:lambda:eu-west-1:111111111111:function:cross-account-endpoints" &&
      output.execution_role_arn == "arn:aws:iam::111111111111:role/cross-account-endpoints" &&
      output.execution_role_name == "cross-account-endpoints" &&
      output.assume_role_policy_arn == "arn:aws:iam::111111111111:policy/cross-account-endpoints-assume-targets" &&
      output.log_group_name == "/aws/lambda/cross-account-endpoints" &&
      output.log_group_arn == "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/cross-account-endpoints" &&
      output.invoke_arn == aws_lambda_function.this.invoke_arn &&
      output.qualified_arn == null && output.version == null &&
      output.policy_statements_policy == null &&
      length(aws_iam_role_policy.statements) == 0
    )
    error_message = "Outputs are wrong."
  }
}

run "options_reach_resources" {
  command = apply

  variables {
    account_id                     = "111111111111"
    description                    = "custom"
    memory_size                    = 512
    timeout                        = 55
    architecture                   = "x86_64"
    runtime                        = "nodejs22.x"
    reserved_concurrent_executions = 5
    log_retention_in_days          = 7
    role_name                      = "endpoints-exec"
    role_path                      = "/lambda/"
    permissions_boundary           = "arn:aws:iam::111111111111:policy/boundary"
    managed_policy_arns = {
      xray = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
      ses  = "arn:aws:iam::111111111111:policy/send-mail"
    }
    tags = { team = "growth" }
  }

  assert {
    condition = (
      aws_lambda_function.this.description == "custom" &&
      aws_lambda_function.this.memory_size == 512 &&
      aws_lambda_function.this.timeout == 55 &&
      aws_lambda_function.this.architectures == tolist(["x86_64"]) &&
      aws_lambda_function.this.runtime == "nodejs22.x" &&
      aws_lambda_function.this.reserved_concurrent_executions == 5
    )
    error_message = "Function options must reach the function."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 7
    error_message = "log_retention_in_days must reach the log group."
  }

  assert {
    condition = (
      aws_iam_role.this.name == "endpoints-exec" &&
      aws_iam_role.this.path == "/lambda/" &&
      aws_iam_role.this.permissions_boundary == "arn:aws:iam::111111111111:policy/boundary" &&
      aws_iam_policy.assume_targets.name == "endpoints-exec-assume-targets" &&
      aws_iam_policy.assume_targets.path == "/lambda/"
    )
    error_message = "role_name, role_path and permissions_boundary must reach the role and policy."
  }

  assert {
    condition = (
      aws_iam_role_policy_attachment.extra["xray"].policy_arn == "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess" &&
      aws_iam_role_policy_attachment.extra["ses"].policy_arn == "arn:aws:iam::111111111111:policy/send-mail" &&
      aws_iam_role_policy_attachment.extra["ses"].role == "endpoints-exec"
    )
    error_message = "managed_policy_arns must be attached by key."
  }

  assert {
    condition = alltrue([
      for tags in [aws_iam_role.this.tags, aws_iam_policy.assume_targets.tags, aws_cloudwatch_log_group.this.tags, aws_lambda_function.this.tags] :
      tags == tomap({ team = "growth" })
    ])
    error_message = "tags must reach every taggable resource."
  }
}

run "missing_package_is_reported" {
  command = plan
  variables {
    package_path = "/nonexistent/function.zip"
  }
  expect_failures = [aws_lambda_function.this]
}

run "target_in_another_partition_is_rejected" {
  command = plan
  variables {
    targets = {
      cn = { role_arn = "arn:aws-cn:iam::222222222222:role/r", region = "cn-north-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
    }
  }
  expect_failures = [aws_iam_role.this]
}

run "wrong_provider_account_is_rejected" {
  command = plan
  variables {
    account_id = "999999999999"
  }
  expect_failures = [aws_iam_role.this]
}

run "retries_longer_than_timeout_warn" {
  command = plan
  variables {
    timeout = 5
  }
  expect_failures = [check.retries_fit_in_function_timeout]
}

# 4 x 3 x 4 s = 48 s of attempts fit in 50 s, but not with the backoff: 4 x (12 s + 1.5 s) = 54 s.
run "backoff_counts_against_the_timeout" {
  command = plan
  variables {
    timeout = 50
  }
  expect_failures = [check.retries_fit_in_function_timeout]
}

run "default_timeout_covers_attempts_and_backoff" {
  command = plan
  assert {
    condition     = local.max_backoff_ms == 1500
    error_message = "the default 3 attempts wait at most 0.5 s + 1 s between them"
  }
}

# ---- every validation rejects a bad value -------------------------------------

run "rejects_bad_function_name" {
  command = plan
  variables {
    function_name = "has space"
  }
  expect_failures = [var.function_name]
}

run "rejects_long_description" {
  command = plan
  variables {
    description = join("", [for i in range(257) : "x"])
  }
  expect_failures = [var.description]
}

run "rejects_empty_targets" {
  command = plan
  variables {
    targets = {}
  }
  expect_failures = [var.targets]
}

run "rejects_bad_target_key" {
  command = plan
  variables {
    targets = {
      "eu marketing" = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_wildcard_in_target_role_arn" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/team?/endpoints", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_target_role_arn" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:user/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_target_region" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "EU", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_target_pinpoint_app_id" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "not-an-app" }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_target_external_id" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef", external_id = "bad id!" }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_target_session_duration" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef", session_duration_seconds = 3601 }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_account_id" {
  command = plan
  variables {
    account_id = "1111"
  }
  expect_failures = [var.account_id]
}

run "rejects_bad_memory_size" {
  command = plan
  variables {
    memory_size = 64
  }
  expect_failures = [var.memory_size]
}

run "rejects_bad_timeout" {
  command = plan
  variables {
    timeout = 901
  }
  expect_failures = [var.timeout]
}

run "rejects_bad_architecture" {
  command = plan
  variables {
    architecture = "aarch64"
  }
  expect_failures = [var.architecture]
}

run "rejects_runtime_older_than_the_bundle_target" {
  command = plan
  variables {
    runtime = "nodejs20.x"
  }
  expect_failures = [var.runtime]
}

run "rejects_bad_runtime" {
  command = plan
  variables {
    runtime = "python3.12"
  }
  expect_failures = [var.runtime]
}

run "rejects_negative_reserved_concurrency" {
  command = plan
  variables {
    reserved_concurrent_executions = -1
  }
  expect_failures = [var.reserved_concurrent_executions]
}

run "rejects_bad_log_retention" {
  command = plan
  variables {
    log_retention_in_days = 0
  }
  expect_failures = [var.log_retention_in_days]
}

run "rejects_bad_log_level" {
  command = plan
  variables {
    log_level = "VERBOSE"
  }
  expect_failures = [var.log_level]
}

run "rejects_bad_connect_timeout" {
  command = plan
  variables {
    connect_timeout_ms = 0
  }
  expect_failures = [var.connect_timeout_ms]
}

run "rejects_bad_request_timeout" {
  command = plan
  variables {
    request_timeout_ms = 1.5
  }
  expect_failures = [var.request_timeout_ms]
}

run "rejects_bad_max_attempts" {
  command = plan
  variables {
    max_attempts = 11
  }
  expect_failures = [var.max_attempts]
}

run "rejects_bad_environment_variable_name" {
  command = plan
  variables {
    environment_variables = { "1BAD" = "x" }
  }
  expect_failures = [var.environment_variables]
}

run "rejects_reserved_environment_variable" {
  command = plan
  variables {
    environment_variables = { CROSS_ACCOUNT_TARGETS = "{}" }
  }
  expect_failures = [var.environment_variables]
}

run "rejects_bad_role_name" {
  command = plan
  variables {
    role_name = "bad name"
  }
  expect_failures = [var.role_name]
}

run "rejects_bad_role_path" {
  command = plan
  variables {
    role_path = "lambda"
  }
  expect_failures = [var.role_path]
}

run "rejects_bad_permissions_boundary" {
  command = plan
  variables {
    permissions_boundary = "boundary"
  }
  expect_failures = [var.permissions_boundary]
}

run "rejects_bad_managed_policy_key" {
  command = plan
  variables {
    managed_policy_arns = { "bad key" = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess" }
  }
  expect_failures = [var.managed_policy_arns]
}

run "rejects_bad_managed_policy_arn" {
  command = plan
  variables {
    managed_policy_arns = { xray = "AWSXRayDaemonWriteAccess" }
  }
  expect_failures = [var.managed_policy_arns]
}

run "rejects_non_zip_package_path" {
  command = plan
  variables {
    package_path = "/tmp/function.tar.gz"
  }
  expect_failures = [var.package_path]
}

# ---- your own code, settings, policy_statements, publish -----------------------

run "user_package_and_handler_need_no_pinpoint_app" {
  command = plan

  variables {
    package_path = "./package/function.zip"
    handler      = "src/app.main"
    targets = {
      analytics = {
        role_arn = "arn:aws:iam::222222222222:role/analytics"
        region   = "eu-west-1"
      }
    }
  }

  assert {
    condition = (
      aws_lambda_function.this.handler == "src/app.main" &&
      aws_lambda_function.this.filename == "./package/function.zip" &&
      aws_lambda_function.this.description == "Reaches other AWS accounts through cross-account roles"
    )
    error_message = "package_path and handler must reach the function, with a description that does not claim Pinpoint."
  }

  assert {
    condition     = output.environment_variables.CROSS_ACCOUNT_TARGETS == "{\"analytics\":{\"region\":\"eu-west-1\",\"roleArn\":\"arn:aws:iam::222222222222:role/analytics\"}}"
    error_message = "A target without settings renders no settings."
  }
}

run "settings_source_identity_and_prefetch_are_rendered" {
  command = plan

  variables {
    package_path = "./package/function.zip"
    targets = {
      analytics = {
        role_arn        = "arn:aws:iam::222222222222:role/analytics"
        region          = "eu-west-1"
        source_identity = false
        prefetch        = false
        settings        = { tableName = "Orders", queueUrl = "https://sqs.eu-west-1.amazonaws.com/222222222222/orders" }
      }
      reports = {
        role_arn        = "arn:aws:iam::333333333333:role/reports"
        region          = "us-east-1"
        source_identity = true
        prefetch        = true
        pinpoint_app_id = "0123456789abcdef0123456789abcdef"
        settings        = { bucket = "reports" }
      }
    }
  }

  assert {
    condition = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS) == {
      analytics = {
        roleArn        = "arn:aws:iam::222222222222:role/analytics"
        region         = "eu-west-1"
        sourceIdentity = false
        prefetch       = false
        settings       = { tableName = "Orders", queueUrl = "https://sqs.eu-west-1.amazonaws.com/222222222222/orders" }
      }
      reports = {
        roleArn  = "arn:aws:iam::333333333333:role/reports"
        region   = "us-east-1"
        settings = { bucket = "reports", pinpointAppId = "0123456789abcdef0123456789abcdef" }
      }
    }
    error_message = "settings pass through (plus pinpointAppId), sourceIdentity/prefetch are rendered only when false (the runtime defaults them to true)."
  }
}

run "settings_pinpoint_app_id_satisfies_the_shipped_bundle" {
  command = plan

  variables {
    targets = {
      eu-marketing = {
        role_arn = "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
        region   = "eu-west-1"
        settings = { pinpointAppId = "0123456789abcdef0123456789abcdef" }
      }
    }
  }

  assert {
    condition     = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS)["eu-marketing"].settings == { pinpointAppId = "0123456789abcdef0123456789abcdef" }
    error_message = "settings.pinpointAppId alone must be accepted for the shipped bundle."
  }
}

run "shipped_bundle_without_pinpoint_app_id_is_rejected" {
  command = plan
  variables {
    targets = {
      eu-marketing = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
      analytics    = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", settings = { tableName = "Orders" } }
    }
  }
  expect_failures = [aws_lambda_function.this]
}

run "policy_statements_render_keyed_by_sid" {
  command = apply

  variables {
    policy_statements = {
      ReadTrigger = {
        actions   = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards"]
        resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"]
      }
      SendToOwnDeadLetterQueue = {
        actions   = ["sqs:SendMessage"]
        resources = ["arn:aws:sqs:eu-west-1:111111111111:fn-dlq"]
        condition = [
          { test = "StringEquals", variable = "aws:ResourceAccount", values = ["111111111111"] },
          { test = "StringEquals", variable = "aws:RequestedRegion", values = ["eu-west-1"] },
          { test = "Bool", variable = "aws:SecureTransport", values = ["true"] },
        ]
      }
      DenyOtherPrefix = {
        effect    = "Deny"
        actions   = ["s3:GetObject"]
        resources = ["arn:aws:s3:::in-bucket/private/*"]
      }
    }
  }

  assert {
    condition = jsondecode(output.policy_statements_policy).Statement == [
      {
        Sid      = "DenyOtherPrefix"
        Effect   = "Deny"
        Action   = ["s3:GetObject"]
        Resource = ["arn:aws:s3:::in-bucket/private/*"]
      },
      {
        Sid      = "ReadTrigger"
        Effect   = "Allow"
        Action   = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards"]
        Resource = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"]
      },
      {
        Sid      = "SendToOwnDeadLetterQueue"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = ["arn:aws:sqs:eu-west-1:111111111111:fn-dlq"]
        Condition = {
          StringEquals = { "aws:ResourceAccount" = ["111111111111"], "aws:RequestedRegion" = ["eu-west-1"] }
          Bool         = { "aws:SecureTransport" = ["true"] }
        }
      },
    ]
    error_message = "policy_statements must render one statement per Sid, Effect defaulting to Allow, conditions grouped by test."
  }

  assert {
    condition     = aws_iam_role_policy.statements[0].policy == output.policy_statements_policy && aws_iam_role_policy.statements[0].role == aws_iam_role.this.id
    error_message = "policy_statements must become one inline policy of the execution role."
  }
}

run "publish_outputs_the_qualified_arn" {
  command = apply

  variables {
    publish = true
  }

  assert {
    condition     = aws_lambda_function.this.publish == true && output.qualified_arn == aws_lambda_function.this.qualified_arn && output.version == aws_lambda_function.this.version && output.qualified_arn != null
    error_message = "publish = true must publish and output qualified_arn and version."
  }
}

run "rejects_bad_handler" {
  command = plan
  variables {
    handler = "index handler"
  }
  expect_failures = [var.handler]
}

run "rejects_handler_without_export" {
  command = plan
  variables {
    handler = "index"
  }
  expect_failures = [var.handler]
}

run "rejects_bad_pinpoint_app_id_in_settings" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", settings = { pinpointAppId = "ABC" } }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_conflicting_pinpoint_app_ids" {
  command = plan
  variables {
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef", settings = { pinpointAppId = "fedcba9876543210fedcba9876543210" } }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_proto_settings_key" {
  command = plan
  variables {
    package_path = "./package/function.zip"
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", settings = { "__proto__" = "x" } }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_settings_key" {
  command = plan
  variables {
    package_path = "./package/function.zip"
    targets = {
      a = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", settings = { "table name" = "x" } }
    }
  }
  expect_failures = [var.targets]
}

run "rejects_bad_statement_sid" {
  command = plan
  variables {
    policy_statements = { "Read-Trigger" = { actions = ["kinesis:GetRecords"], resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_bad_statement_effect" {
  command = plan
  variables {
    policy_statements = { Read = { effect = "allow", actions = ["kinesis:GetRecords"], resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_wildcard_statement_action" {
  command = plan
  variables {
    policy_statements = { Read = { actions = ["kinesis:Get*"], resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_statement_without_actions" {
  command = plan
  variables {
    policy_statements = { Read = { actions = [], resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_star_statement_resource" {
  command = plan
  variables {
    policy_statements = { Read = { actions = ["kinesis:GetRecords"], resources = ["*"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_wildcard_account_in_statement_resource" {
  command = plan
  variables {
    policy_statements = { Read = { actions = ["kinesis:GetRecords"], resources = ["arn:aws:kinesis:eu-west-1:*:stream/in"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_statement_with_not_actions" {
  command = plan
  variables {
    policy_statements = { Read = { actions = ["kinesis:GetRecords"], not_actions = ["kinesis:PutRecord"], resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"] } }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_repeated_statement_condition" {
  command = plan
  variables {
    policy_statements = {
      Read = {
        actions   = ["kinesis:GetRecords"]
        resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"]
        condition = [
          { test = "StringEquals", variable = "aws:RequestedRegion", values = ["eu-west-1"] },
          { test = "StringEquals", variable = "aws:RequestedRegion", values = ["us-east-1"] },
        ]
      }
    }
  }
  expect_failures = [var.policy_statements]
}

run "rejects_bad_statement_condition" {
  command = plan
  variables {
    policy_statements = {
      Read = {
        actions   = ["kinesis:GetRecords"]
        resources = ["arn:aws:kinesis:eu-west-1:111111111111:stream/in"]
        condition = [{ test = "String Equals", variable = "aws:RequestedRegion", values = [] }]
      }
    }
  }
  expect_failures = [var.policy_statements]
}

# ---- shipped_function: the one-line switch from Pinpoint to Customer Profiles ---------

run "shipped_customer_profiles_function" {
  command = plan
  variables {
    shipped_function = "customer-profiles"
    targets = {
      eu-crm = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", settings = { customerProfilesDomain = "crm" } }
    }
  }
  assert {
    condition = (
      endswith(aws_lambda_function.this.filename, "/package/customer-profiles.zip") &&
      startswith(aws_lambda_function.this.description, "Reads and updates endpoint profiles in Customer Profiles domains")
    )
    error_message = "shipped_function = customer-profiles must deploy package/customer-profiles.zip with its own description."
  }
  assert {
    condition     = jsondecode(output.environment_variables.CROSS_ACCOUNT_TARGETS)["eu-crm"].settings == { customerProfilesDomain = "crm" }
    error_message = "The domain reaches the function as settings.customerProfilesDomain."
  }
}

run "shipped_pinpoint_function_is_the_default" {
  command = plan
  assert {
    condition     = endswith(aws_lambda_function.this.filename, "/package/function.zip")
    error_message = "The default shipped function stays the Pinpoint bundle (package/function.zip)."
  }
}

run "shipped_customer_profiles_without_domain_is_rejected" {
  command = plan
  variables {
    shipped_function = "customer-profiles"
    targets = {
      eu-crm = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", pinpoint_app_id = "0123456789abcdef0123456789abcdef" }
    }
  }
  expect_failures = [aws_lambda_function.this]
}

run "shipped_customer_profiles_with_bad_domain_is_rejected" {
  command = plan
  variables {
    shipped_function = "customer-profiles"
    targets = {
      eu-crm = { role_arn = "arn:aws:iam::222222222222:role/r", region = "eu-west-1", settings = { customerProfilesDomain = "crm/other" } }
    }
  }
  expect_failures = [aws_lambda_function.this]
}

run "shipped_function_with_own_package_is_rejected" {
  command = plan
  variables {
    shipped_function = "customer-profiles"
    package_path     = "./package/function.zip"
  }
  expect_failures = [aws_lambda_function.this]
}

run "rejects_unknown_shipped_function" {
  command = plan
  variables {
    shipped_function = "ses"
  }
  expect_failures = [var.shipped_function]
}
