output "function_name" {
  description = "Name of the function."
  value       = module.source_lambda.function_name
}

output "execution_role_arn" {
  description = "ARN of the execution role."
  value       = module.source_lambda.execution_role_arn
}

output "target_role_arn" {
  description = "ARN of the target role."
  value       = module.target_role.role_arn
}

output "environment_variables" {
  description = "The function's rendered environment."
  value       = module.source_lambda.environment_variables
}
