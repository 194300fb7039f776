data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix

  # The source account's root, narrowed below to the named execution role(s).
  # A role ARN as principal would have to exist when this policy is written
  # ("Invalid principal in policy") and would break silently when that role is
  # recreated (IAM stores the old role's unique id). See README.
  source_account_root = "arn:${local.partition}:iam::${var.lambda_account_id}:root"

  # The named execution roles: every trust statement carries this.
  principal_condition = { ArnEquals = { "aws:PrincipalArn" = var.trusted_role_arns } }
  source_identity_condition = length(var.source_identities) == 0 ? {} : {
    StringEquals = { "sts:SourceIdentity" = var.source_identities }
  }

  # AssumeRole: the named execution roles, plus the external id and the source identities when set.
  # SetSourceIdentity and TagSession are authorised in the same request but have their own statements:
  # sts:ExternalId is a condition key of sts:AssumeRole only (Service Authorization Reference), so a
  # shared statement requiring it would refuse them; AssumeRole itself still requires it.
  trusted_principal_condition = {
    for test, c in {
      ArnEquals = local.principal_condition.ArnEquals
      StringEquals = merge(
        var.external_id == null ? {} : { "sts:ExternalId" = var.external_id },
        length(var.source_identities) == 0 ? {} : { "sts:SourceIdentity" = var.source_identities },
      )
    } : test => c if length(c) > 0
  }

  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "AssumeFromSourceExecutionRoles"
          Effect    = "Allow"
          Principal = { AWS = local.source_account_root }
          Action    = "sts:AssumeRole"
          Condition = local.trusted_principal_condition
        },
        {
          Sid       = "SetSourceIdentityFromSourceExecutionRoles"
          Effect    = "Allow"
          Principal = { AWS = local.source_account_root }
          Action    = "sts:SetSourceIdentity"
          Condition = merge(local.principal_condition, local.source_identity_condition)
        },
      ],
      length(var.session_tag_keys) == 0 ? [] : [
        {
          Sid       = "TagSessionWithAllowedKeys"
          Effect    = "Allow"
          Principal = { AWS = local.source_account_root }
          Action    = "sts:TagSession"
          Condition = merge(local.principal_condition, { "ForAllValues:StringEquals" = { "aws:TagKeys" = var.session_tag_keys } })
        }
      ],
    )
  })

  # pinpoint_app_id is the pinpoint_endpoints preset on that app (merged with one given in permissions).
  grants = merge(var.permissions, var.pinpoint_app_id == null ? {} : {
    pinpoint_endpoints = merge(
      try(var.permissions.pinpoint_endpoints, { kms_key_arns = [], indexes = [], prefixes = [], recursive = false, describe_endpoint = true }),
      { resources = distinct(concat(try(var.permissions.pinpoint_endpoints.resources, []), [var.pinpoint_app_id])) },
    )
  })

  # Only presets of the table render (an unknown key fails validation with the list of names).
  known_grants = { for name, g in local.grants : name => g if contains(keys(local.presets), name) }

  preset_statements = flatten([
    for name in sort(keys(local.known_grants)) : concat(
      [
        for key in sort(keys(local.presets[name].statements)) : {
          Sid    = "${local.presets[name].sid}${key}"
          Effect = "Allow"
          Action = local.presets[name].statements[key].actions
          Resource = distinct(flatten([
            for r in local.known_grants[name].resources : [
              for sub in(
                local.presets[name].statements[key].per == "prefix" ? (length(local.known_grants[name].prefixes) > 0 ? [for p in local.known_grants[name].prefixes : "${trimsuffix(p, "/")}/"] : [""]) :
                local.presets[name].statements[key].per == "index" ? local.known_grants[name].indexes :
                local.presets[name].statements[key].per == "endpoint" ? (local.known_grants[name].describe_endpoint ? [""] : []) :
                [""]
                ) : [
                for t in local.presets[name].statements[key].arns :
                replace(replace(replace(replace(replace(t, "{partition}", local.partition), "{region}", var.region), "{account}", var.account_id), "{name}", trimprefix(r, "/")), "{sub}", sub)
              ]
            ]
          ]))
          Condition = {
            for test, c in {
              StringLike      = local.presets[name].statements[key].condition == "s3_prefix" ? { "s3:prefix" = [for p in local.known_grants[name].prefixes : "${trimsuffix(p, "/")}/*"] } : {}
              StringNotEquals = local.presets[name].statements[key].condition == "ssm_recursive" && !local.known_grants[name].recursive ? { "ssm:Recursive" = ["true"] } : {}
            } : test => c if length(c) > 0 && length(flatten(values(c))) > 0
          }
        }
      ],
      local.presets[name].kms == null || length(local.known_grants[name].kms_key_arns) == 0 ? [] : [
        {
          Sid       = "${local.presets[name].sid}Kms"
          Effect    = "Allow"
          Action    = local.presets[name].kms.actions
          Resource  = local.known_grants[name].kms_key_arns
          Condition = { StringEquals = { "kms:ViaService" = "${local.presets[name].kms.via}.${var.region}.${local.dns_suffix}" } }
        }
      ],
    )
  ])

  # Statements whose ARN list came out empty (no indexes, describe_endpoint = false) are left out;
  # an empty Condition is not rendered.
  rendered_preset_statements = [
    for s in local.preset_statements : { for k, v in s : k => v if k != "Condition" || length(v) > 0 } if length(s.Resource) > 0
  ]

  raw_statements = [
    for sid in sort(keys(var.statements)) : {
      for k, v in {
        Sid      = sid
        Effect   = var.statements[sid].effect
        Action   = var.statements[sid].actions
        Resource = var.statements[sid].resources
        Condition = length(var.statements[sid].condition) == 0 ? null : {
          for test in distinct([for c in var.statements[sid].condition : c.test]) :
          test => { for c in var.statements[sid].condition : c.variable => c.values if c.test == test }
        }
      } : k => v if v != null
    }
  ]

  permissions_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.rendered_preset_statements, local.raw_statements)
  })

  preset_sids = [for s in local.preset_statements : s.Sid]

  # Plan-time checks of the permissions against the preset table (messages name the input and the rule).
  bad_names = flatten([
    for name, g in local.known_grants : [
      for r in g.resources : "permissions.${name}.resources: \"${r}\" is not ${local.presets[name].name_rule}" if !can(regex(local.presets[name].name_regex, r))
    ]
  ])
  set_extras = {
    for name, g in local.known_grants : name => compact([
      length(g.kms_key_arns) > 0 ? "kms_key_arns" : "",
      length(g.indexes) > 0 ? "indexes" : "",
      length(g.prefixes) > 0 ? "prefixes" : "",
      g.recursive ? "recursive" : "",
      g.describe_endpoint ? "" : "describe_endpoint",
    ])
  }
  bad_extras = flatten([
    for name, set in local.set_extras : [
      for e in set : "permissions.${name}.${e} does not apply to ${name} (it reads ${length(local.presets[name].extras) > 0 ? join(", ", local.presets[name].extras) : "resources only"})" if !contains(local.presets[name].extras, e)
    ]
  ])
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  path                 = var.role_path
  description          = "Assumed by the Lambda execution role(s) in account ${var.lambda_account_id}; permissions in its inline policy"
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
  name   = "cross-account-access"
  role   = aws_iam_role.this.id
  policy = local.permissions_policy

  # No create_before_destroy: the policy's name is fixed (a change is one in-place PutRolePolicy), and
  # create_before_destroy would spread to everything this depends on, the trusted execution role
  # included when one configuration holds both modules, so replacing that role would try to create
  # its fixed name before deleting the old one (EntityAlreadyExists).
  lifecycle {
    precondition {
      condition     = length(var.permissions) > 0 || var.pinpoint_app_id != null || length(var.statements) > 0
      error_message = "Grant at least one permission: set permissions (a preset), pinpoint_app_id or statements. A role that may do nothing is a mistake."
    }

    precondition {
      condition     = length(local.bad_names) == 0
      error_message = "Invalid resource names: ${join("; ", local.bad_names)}. Give names, not ARNs: the module builds the ARNs."
    }

    precondition {
      condition     = length(local.bad_extras) == 0
      error_message = "Invalid permissions fields: ${join("; ", local.bad_extras)}."
    }

    precondition {
      condition     = length(setintersection(keys(var.statements), local.preset_sids)) == 0
      error_message = "statements keys ${jsonencode(sort(setintersection(keys(var.statements), local.preset_sids)))} are Sids the permissions presets render; pick other keys."
    }

    # Holds by construction (presets list actions, statements reject wildcards); asserted over every rendered policy.
    precondition {
      condition     = alltrue(flatten([for s in jsondecode(local.permissions_policy).Statement : [for a in flatten([s.Action]) : !strcontains(a, "*") && !strcontains(a, "?")]]))
      error_message = "The rendered policy contains a wildcard action (\"*\" or \"service:*\"); this module never grants one."
    }

    precondition {
      condition     = length(local.permissions_policy) <= 10240
      error_message = "The rendered inline policy is ${length(local.permissions_policy)} characters; IAM allows 10240 per role: split the grants over several roles."
    }
  }
}
