output "role_arn" {
  description = "ARN of the role the function assumes (the source root computes the same value from the names)."
  value       = module.target_role.role_arn
}

output "role_name" {
  description = "Name of the role."
  value       = module.target_role.role_name
}

output "topic_arn_pattern" {
  description = "The topics the role may publish to (iot:Publish resource below the prefix)."
  value       = "arn:${local.partition}:iot:${var.region}:${var.account_id}:topic/${var.topic_prefix}/*"
}

output "permissions_policy" {
  description = "Rendered permissions policy of the role (for review)."
  value       = module.target_role.permissions_policy
}

output "trust_policy" {
  description = "Rendered trust policy of the role."
  value       = module.target_role.trust_policy
}
