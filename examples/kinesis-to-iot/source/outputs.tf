output "function_name" {
  description = "Name of the function."
  value       = module.source_lambda.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = module.source_lambda.function_arn
}

output "execution_role_arn" {
  description = "ARN of the function's execution role (what the target role trusts)."
  value       = module.source_lambda.execution_role_arn
}

output "target_role_arn" {
  description = "The target role the function assumes (computed from its name)."
  value       = local.target_role_arn
}

output "stream_name" {
  description = "Name of the Kinesis stream."
  value       = aws_kinesis_stream.this.name
}

output "stream_arn" {
  description = "ARN of the Kinesis stream."
  value       = aws_kinesis_stream.this.arn
}

output "failure_queue_url" {
  description = "URL of the on-failure queue (batch metadata of records whose retries or age ran out)."
  value       = aws_sqs_queue.on_failure.url
}

output "failure_queue_arn" {
  description = "ARN of the on-failure queue."
  value       = aws_sqs_queue.on_failure.arn
}

output "event_source_mapping_uuid" {
  description = "UUID of the event source mapping."
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "environment_variables" {
  description = "The function's environment (CROSS_ACCOUNT_TARGETS with the topic settings, PUBLISH_CONCURRENCY)."
  value       = module.source_lambda.environment_variables
}
