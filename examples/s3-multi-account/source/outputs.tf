output "function_name" {
  description = "Name of the function."
  value       = module.source_lambda.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = module.source_lambda.function_arn
}

output "execution_role_arn" {
  description = "ARN of the execution role (what each ../target trusts, by name)."
  value       = module.source_lambda.execution_role_arn
}

output "environment_variables" {
  description = "The function's rendered environment (CROSS_ACCOUNT_TARGETS with each target's role, region and settings)."
  value       = module.source_lambda.environment_variables
}

output "assume_targets_policy" {
  description = "The execution role's policy: sts:AssumeRole (and sts:SetSourceIdentity) on exactly the target roles."
  value       = module.source_lambda.assume_targets_policy
}
