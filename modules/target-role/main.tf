data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  partition = data.aws_partition.current.partition

  # The source account's root, narrowed below to the named execution role(s).
  # A role ARN as principal would have to exist when this policy is written
  # ("Invalid principal in policy") and would break silently when that role is
  # recreated (IAM stores the old role's unique id). See README.
  source_account_root = "arn:${local.partition}:iam::${var.lambda_account_id}:root"

  endpoint_resource = "arn:${local.partition}:mobiletargeting:${var.region}:${var.account_id}:apps/${var.pinpoint_app_id}/endpoints/*"

  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AssumeFromSourceExecutionRoles"
        Effect    = "Allow"
        Principal = { AWS = local.source_account_root }
        Action    = "sts:AssumeRole"
        Condition = merge(
          { ArnEquals = { "aws:PrincipalArn" = var.trusted_role_arns } },
          var.external_id == null ? {} : { StringEquals = { "sts:ExternalId" = var.external_id } },
        )
      }
    ]
  })

  extra_statements = [
    for s in var.extra_policy_statements : {
      for k, v in {
        Sid      = s.sid
        Effect   = s.effect
        Action   = s.actions
        Resource = s.resources
        Condition = length(s.conditions) == 0 ? null : {
          for test in distinct([for c in s.conditions : c.test]) :
          test => { for c in s.conditions : c.variable => c.values if c.test == test }
        }
      } : k => v if v != null
    }
  ]

  permissions_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "PinpointEndpointAccess"
          Effect   = "Allow"
          Action   = ["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"]
          Resource = local.endpoint_resource
        }
      ],
      local.extra_statements,
    )
  })
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  path                 = var.path
  description          = "Assumed by the Lambda execution role(s) in account ${var.lambda_account_id} to read and update endpoints of Pinpoint app ${var.pinpoint_app_id}"
  assume_role_policy   = local.trust_policy
  max_session_duration = var.max_session_duration
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags

  lifecycle {
    precondition {
      condition     = alltrue([for arn in var.trusted_role_arns : split(":", arn)[4] == var.lambda_account_id])
      error_message = "Every trusted_role_arns entry must be a role in lambda_account_id (${var.lambda_account_id})."
    }

    precondition {
      condition     = alltrue([for arn in var.trusted_role_arns : split(":", arn)[1] == local.partition])
      error_message = "Every trusted_role_arns entry must be in the provider's partition (${local.partition})."
    }

    precondition {
      condition     = data.aws_caller_identity.current.account_id == var.account_id
      error_message = "account_id (${var.account_id}) is not the account the AWS provider is signed in to (${data.aws_caller_identity.current.account_id}); apply this module with the target account's credentials."
    }
  }
}

# Inline rather than managed: the permissions belong to this one role, live and
# die with it, need no ARN of their own, cannot be attached elsewhere by
# mistake, and do not count against the account's managed policy quota.
resource "aws_iam_role_policy" "this" {
  name   = "pinpoint-endpoint-access"
  role   = aws_iam_role.this.id
  policy = local.permissions_policy
}
