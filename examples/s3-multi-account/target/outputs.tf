output "role_arn" {
  description = "ARN of the role the function assumes (../source computes the same value from role_name)."
  value       = module.target_role.role_arn
}

output "bucket_name" {
  description = "Name of the bucket (the function's settings.bucket for this target)."
  value       = aws_s3_bucket.data.bucket
}

output "read_prefix" {
  description = "The prefix the role may list and read, with its trailing slash."
  value       = local.read_prefix
}

output "report_prefix" {
  description = "The prefix the role may write under, with its trailing slash."
  value       = local.report_prefix
}

output "permissions_policy" {
  description = "The role's rendered permissions policy (S3ReadList, S3ReadObjects, S3WriteObjects)."
  value       = module.target_role.permissions_policy
}
