# Every output waits for the inline policy (as terraform-aws-iam v6 does): a
# caller using role_arn in the same apply cannot start before the role may act.

output "role_arn" {
  description = "ARN of the role; pass it to modules/source-lambda as targets[*].role_arn. Known only once the inline policy exists."
  value       = aws_iam_role.this.arn
  depends_on  = [aws_iam_role_policy.this]
}

output "role_name" {
  description = "Name of the role."
  value       = aws_iam_role.this.name
  depends_on  = [aws_iam_role_policy.this]
}

output "role_unique_id" {
  description = "Unique id of the role (AROA...), as IAM records it in CloudTrail and in policies naming the role as principal."
  value       = aws_iam_role.this.unique_id
  depends_on  = [aws_iam_role_policy.this]
}

output "trust_policy" {
  description = "The role's trust (assume role) policy, rendered JSON."
  value       = local.trust_policy
}

output "permissions_policy" {
  description = "The role's inline permissions policy, rendered JSON (for review tooling)."
  value       = aws_iam_role_policy.this.policy
}
