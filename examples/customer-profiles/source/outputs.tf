output "function_name" {
  description = "Name of the function."
  value       = module.source_lambda.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = module.source_lambda.function_arn
}

output "execution_role_arn" {
  description = "ARN of the execution role (the target side trusts it by name)."
  value       = module.source_lambda.execution_role_arn
}

output "environment_variables" {
  description = "The function's rendered environment (CROSS_ACCOUNT_TARGETS with settings.customerProfilesDomain)."
  value       = module.source_lambda.environment_variables
}
