output "role_arn" {
  description = "ARN of the role the forwarder assumes (the source root computes the same value)."
  value       = module.target_role.role_arn
}

output "permissions_policy" {
  description = "The role's rendered permissions policy (review it: exactly the grants of the README)."
  value       = module.target_role.permissions_policy
}

output "queue_url" {
  description = "URL of the queue POST/PATCH bodies go to."
  value       = aws_sqs_queue.requests.url
}

output "queue_name" {
  description = "Name of the queue."
  value       = aws_sqs_queue.requests.name
}

output "table_name" {
  description = "Name of the DynamoDB table GET reads."
  value       = aws_dynamodb_table.items.name
}

output "index_name" {
  description = "Name of the table's GSI (GET /items?status=…)."
  value       = local.index_name
}

output "config_parameter_name" {
  description = "Name of the String parameter holding the configuration."
  value       = aws_ssm_parameter.config.name
}

output "credential_parameter_name" {
  description = "Name of the SecureString parameter holding the credential."
  value       = aws_ssm_parameter.credential.name
}

output "kms_key_arn" {
  description = "ARN of the customer-managed key encrypting the credential."
  value       = aws_kms_key.ssm.arn
}
