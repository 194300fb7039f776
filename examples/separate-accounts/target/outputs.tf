output "role_arn" {
  description = "ARN of the target role (the source side computes the same value)."
  value       = module.target_role.role_arn
}

output "trust_policy" {
  description = "Rendered trust policy."
  value       = module.target_role.trust_policy
}

output "permissions_policy" {
  description = "Rendered permissions policy."
  value       = module.target_role.permissions_policy
}
