output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "ARN for invoking the function from API Gateway (aws_lambda_function invoke_arn)."
  value       = aws_lambda_function.this.invoke_arn
}

output "qualified_arn" {
  description = "ARN of the function's latest published version when publish = true, else null."
  value       = var.publish ? aws_lambda_function.this.qualified_arn : null
}

output "version" {
  description = "Latest published version of the function when publish = true, else null."
  value       = var.publish ? aws_lambda_function.this.version : null
}

output "execution_role_arn" {
  description = "ARN of the execution role; the target roles trust it (target-role input trusted_role_arns)."
  value       = aws_iam_role.this.arn
}

output "execution_role_name" {
  description = "Name of the execution role."
  value       = aws_iam_role.this.name
}

output "assume_role_policy_arn" {
  description = "ARN of the managed policy that allows sts:AssumeRole and sts:SetSourceIdentity on exactly the target role ARNs, for this function only."
  value       = aws_iam_policy.assume_targets.arn
}

output "log_group_name" {
  description = "Name of the function's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's CloudWatch log group (without the trailing :*)."
  value       = trimsuffix(aws_cloudwatch_log_group.this.arn, ":*")
}

output "environment_variables" {
  description = "The function's rendered environment (CROSS_ACCOUNT_TARGETS and friends), for running the bundle locally with the same configuration."
  value       = local.environment_variables
}

output "trust_policy" {
  description = "The execution role's trust policy, rendered JSON."
  value       = local.trust_policy
}

output "logs_policy" {
  description = "The execution role's inline logs policy, rendered JSON."
  value       = local.logs_policy
}

output "assume_targets_policy" {
  description = "The assume-targets managed policy document, rendered JSON (sts:AssumeRole and sts:SetSourceIdentity on the target roles, bound to this function with lambda:SourceFunctionArn)."
  value       = local.assume_targets_policy
}

output "policy_statements_policy" {
  description = "The inline policy rendered from policy_statements (JSON), or null when there are none."
  value       = local.statements_policy
}
