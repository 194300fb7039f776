output "function_name" {
  description = "Name of the function in the source account."
  value       = module.source_lambda.function_name
}

output "function_arn" {
  description = "ARN of the function in the source account (its role's policies are bound to it with lambda:SourceFunctionArn)."
  value       = module.source_lambda.function_arn
}

output "function_environment" {
  description = "The function's environment as the source-lambda module wrote it (run the bundle locally with it)."
  value       = module.source_lambda.environment_variables
}

output "execution_role_arn" {
  description = "The function's execution role (source account)."
  value       = module.source_lambda.execution_role_arn
}

output "execution_role_name" {
  description = "Name of the execution role."
  value       = module.source_lambda.execution_role_name
}

output "log_group_name" {
  description = "The function's log group (source account)."
  value       = module.source_lambda.log_group_name
}

output "target_role_arn" {
  description = "The role the function assumes (target account)."
  value       = module.target_role.role_arn
}

output "target_role_name" {
  description = "Name of the target role."
  value       = module.target_role.role_name
}

output "target_name" {
  description = "Key of the target in CROSS_ACCOUNT_TARGETS (the event's `target`)."
  value       = local.target_name
}

output "pinpoint_app_id" {
  description = "The Pinpoint application the target role grants access to."
  value       = var.pinpoint_app_id
}

output "region" {
  description = "Region of the function and the Pinpoint application."
  value       = var.region
}

output "source_account_id" {
  description = "Source account id."
  value       = var.source_account_id
}

output "target_account_id" {
  description = "Target account id."
  value       = var.target_account_id
}

output "external_id" {
  description = "External id required by the target role (null when none)."
  value       = var.external_id
  sensitive   = true
}
