output "role_arn" {
  description = "ARN of the role; pass it to modules/source-lambda as targets[*].role_arn."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role."
  value       = aws_iam_role.this.name
}

output "trust_policy" {
  description = "The role's trust (assume role) policy, rendered JSON."
  value       = local.trust_policy
}

output "permissions_policy" {
  description = "The role's inline permissions policy, rendered JSON."
  value       = local.permissions_policy
}
