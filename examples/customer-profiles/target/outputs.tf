output "domain_name" {
  description = "Name of the Customer Profiles domain (the source side's settings.customerProfilesDomain)."
  value       = aws_customerprofiles_domain.this.domain_name
}

output "domain_arn" {
  description = "ARN of the Customer Profiles domain."
  value       = aws_customerprofiles_domain.this.arn
}

output "role_arn" {
  description = "ARN of the target role (the source side computes the same value from target_role_name); available once the role's permissions exist."
  value       = module.target_role.role_arn
}

output "permissions_policy" {
  description = "Rendered permissions policy of the target role (the customer_profiles preset)."
  value       = module.target_role.permissions_policy
}

output "trust_policy" {
  description = "Rendered trust policy of the target role."
  value       = module.target_role.trust_policy
}
