output "function_name" {
  description = "Name of the function."
  value       = module.source_lambda.function_name
}

output "execution_role_arn" {
  description = "ARN of the execution role (trusted by both target roles)."
  value       = module.source_lambda.execution_role_arn
}

output "target_role_arns" {
  description = "ARNs of the target roles by target name."
  value = {
    (var.targets["a"].name) = module.target_a.role_arn
    (var.targets["b"].name) = module.target_b.role_arn
  }
}

output "environment_variables" {
  description = "The function's rendered environment."
  value       = module.source_lambda.environment_variables
}
