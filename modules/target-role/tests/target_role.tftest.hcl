# Offline unit tests: the AWS provider is mocked, nothing is created.
# Run with: make tf-test (or ./scripts/terraform.sh -chdir=modules/target-role test)

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  region            = "eu-west-1"
  account_id        = "222222222222"
  pinpoint_app_id   = "0123456789abcdef0123456789abcdef"
  lambda_account_id = "111111111111"
  trusted_role_arns = ["arn:aws:iam::111111111111:role/cross-account-endpoints"]
}

# ---- trust -------------------------------------------------------------------

run "trust_policy_names_source_root_narrowed_to_execution_role" {
  command = plan

  assert {
    condition     = length(jsondecode(output.trust_policy).Statement) == 2
    error_message = "Expected exactly two trust statements (AssumeRole, SetSourceIdentity) without session tags."
  }

  assert {
    condition     = alltrue([for st in jsondecode(output.trust_policy).Statement : st.Principal == { AWS = "arn:aws:iam::111111111111:root" }])
    error_message = "Every trust principal must be the source account root."
  }

  assert {
    condition     = [for st in jsondecode(output.trust_policy).Statement : [st.Sid, st.Effect, st.Action]] == [["AssumeFromSourceExecutionRoles", "Allow", "sts:AssumeRole"], ["SetSourceIdentityFromSourceExecutionRoles", "Allow", "sts:SetSourceIdentity"]]
    error_message = "Trust must allow sts:AssumeRole and sts:SetSourceIdentity only, one statement each."
  }

  assert {
    condition     = alltrue([for st in jsondecode(output.trust_policy).Statement : st.Condition == { ArnEquals = { "aws:PrincipalArn" = ["arn:aws:iam::111111111111:role/cross-account-endpoints"] } }])
    error_message = "Trust must be narrowed with ArnEquals aws:PrincipalArn to the execution role, and carry no external id or source identity condition when none is set."
  }

  assert {
    condition     = aws_iam_role.this.name == "cross-account-pinpoint-endpoints" && aws_iam_role.this.path == "/" && aws_iam_role.this.max_session_duration == 3600
    error_message = "Role defaults (name, role_path, max session) are wrong."
  }

  assert {
    condition     = aws_iam_role.this.permissions_boundary == null && aws_iam_role.this.assume_role_policy == output.trust_policy
    error_message = "No permissions boundary by default; the role carries the rendered trust policy."
  }
}

run "external_id_and_several_execution_roles" {
  command = plan

  variables {
    external_id = "tenant-42"
    trusted_role_arns = [
      "arn:aws:iam::111111111111:role/fn-a",
      "arn:aws:iam::111111111111:role/team/fn-b",
    ]
  }

  assert {
    condition = jsondecode(output.trust_policy).Statement[0].Condition == {
      ArnEquals    = { "aws:PrincipalArn" = ["arn:aws:iam::111111111111:role/fn-a", "arn:aws:iam::111111111111:role/team/fn-b"] }
      StringEquals = { "sts:ExternalId" = "tenant-42" }
    }
    error_message = "External id must be enforced with StringEquals sts:ExternalId next to the principal ARN condition."
  }
}

run "source_identities_with_external_id" {
  command = plan

  variables {
    external_id       = "tenant-42"
    source_identities = ["forwarder", "pinpoint-sync"]
  }

  assert {
    condition = jsondecode(output.trust_policy).Statement[0].Condition == {
      ArnEquals    = { "aws:PrincipalArn" = ["arn:aws:iam::111111111111:role/cross-account-endpoints"] }
      StringEquals = { "sts:ExternalId" = "tenant-42", "sts:SourceIdentity" = ["forwarder", "pinpoint-sync"] }
    }
    error_message = "source_identities must require StringEquals sts:SourceIdentity, next to the external id."
  }

  assert {
    condition = jsondecode(output.trust_policy).Statement[1].Condition == {
      ArnEquals    = { "aws:PrincipalArn" = ["arn:aws:iam::111111111111:role/cross-account-endpoints"] }
      StringEquals = { "sts:SourceIdentity" = ["forwarder", "pinpoint-sync"] }
    }
    error_message = "SetSourceIdentity requires the same principals and source identities, but not sts:ExternalId (not a condition key of sts:SetSourceIdentity)."
  }
}

run "source_identities_alone" {
  command = plan

  variables {
    source_identities = ["forwarder"]
  }

  assert {
    condition     = jsondecode(output.trust_policy).Statement[0].Condition.StringEquals == { "sts:SourceIdentity" = ["forwarder"] }
    error_message = "source_identities without external id must render only the source identity condition."
  }
}

run "session_tag_keys_allow_tag_session_with_those_keys_only" {
  command = plan

  variables {
    external_id      = "tenant-42"
    session_tag_keys = ["tenant", "cost-center"]
  }

  assert {
    condition = jsondecode(output.trust_policy).Statement[2] == {
      Sid       = "TagSessionWithAllowedKeys"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "sts:TagSession"
      Condition = {
        ArnEquals                   = { "aws:PrincipalArn" = ["arn:aws:iam::111111111111:role/cross-account-endpoints"] }
        "ForAllValues:StringEquals" = { "aws:TagKeys" = ["tenant", "cost-center"] }
      }
    }
    error_message = "sts:TagSession must be its own statement, for the trusted principals, limited to the allowed tag keys."
  }
}

run "options_reach_the_role" {
  command = plan

  variables {
    role_name            = "pinpoint-writer"
    role_path            = "/integrations/"
    max_session_duration = 7200
    permissions_boundary = "arn:aws:iam::222222222222:policy/boundary"
    tags                 = { team = "growth" }
  }

  assert {
    condition     = aws_iam_role.this.name == "pinpoint-writer" && aws_iam_role.this.path == "/integrations/"
    error_message = "role_name and role_path must reach the role."
  }

  assert {
    condition     = aws_iam_role.this.max_session_duration == 7200 && aws_iam_role.this.permissions_boundary == "arn:aws:iam::222222222222:policy/boundary"
    error_message = "max_session_duration and permissions_boundary must reach the role."
  }

  assert {
    condition     = aws_iam_role.this.tags == tomap({ team = "growth" })
    error_message = "tags must reach the role."
  }
}

# ---- permissions: pinpoint_app_id, statements ----------------------------------

run "pinpoint_app_id_is_the_pinpoint_endpoints_preset" {
  command = plan

  assert {
    condition = jsondecode(output.permissions_policy).Statement == [{
      Sid      = "PinpointEndpoints"
      Effect   = "Allow"
      Action   = ["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"]
      Resource = ["arn:aws:mobiletargeting:eu-west-1:222222222222:apps/0123456789abcdef0123456789abcdef/endpoints/*"]
    }]
    error_message = "pinpoint_app_id must grant exactly GetEndpoint and UpdateEndpoint on the app's endpoints."
  }

  assert {
    condition     = aws_iam_role_policy.this.policy == output.permissions_policy && aws_iam_role_policy.this.name == "cross-account-access"
    error_message = "The inline policy must carry the rendered permissions policy."
  }
}

run "pinpoint_app_id_adds_to_the_pinpoint_endpoints_preset" {
  command = plan

  variables {
    permissions = { pinpoint_endpoints = { resources = ["fedcba9876543210fedcba9876543210"] } }
  }

  assert {
    condition = jsondecode(output.permissions_policy).Statement[0].Resource == [
      "arn:aws:mobiletargeting:eu-west-1:222222222222:apps/fedcba9876543210fedcba9876543210/endpoints/*",
      "arn:aws:mobiletargeting:eu-west-1:222222222222:apps/0123456789abcdef0123456789abcdef/endpoints/*",
    ]
    error_message = "pinpoint_app_id and permissions.pinpoint_endpoints must render one statement over both apps."
  }
}

run "permissions_without_pinpoint_app_id" {
  command = plan

  variables {
    pinpoint_app_id = null
    permissions     = { sqs_send = { resources = ["orders"] } }
  }

  assert {
    condition     = [for s in jsondecode(output.permissions_policy).Statement : s.Sid] == ["SqsSend"]
    error_message = "Without pinpoint_app_id only the requested preset renders."
  }
}

run "statements_are_rendered_by_sid" {
  command = plan

  variables {
    statements = {
      SendMail = {
        actions   = ["ses:SendEmail"]
        resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"]
        condition = [
          { test = "StringEquals", variable = "ses:FromAddress", values = ["noreply@example.com"] },
          { test = "StringLike", variable = "ses:Recipients", values = ["*@example.com"] },
        ]
      }
      ReadQueue = {
        effect    = "Allow"
        actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
        resources = ["arn:aws:sqs:eu-west-1:222222222222:jobs"]
      }
    }
  }

  assert {
    condition     = [for s in jsondecode(output.permissions_policy).Statement : s.Sid] == ["PinpointEndpoints", "ReadQueue", "SendMail"]
    error_message = "Expected the preset statement plus the raw statements, sorted by Sid."
  }

  assert {
    condition = jsondecode(output.permissions_policy).Statement[2] == {
      Sid      = "SendMail"
      Effect   = "Allow"
      Action   = ["ses:SendEmail"]
      Resource = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"]
      Condition = {
        StringEquals = { "ses:FromAddress" = ["noreply@example.com"] }
        StringLike   = { "ses:Recipients" = ["*@example.com"] }
      }
    }
    error_message = "A statement with conditions rendered wrongly."
  }

  assert {
    condition     = !contains(keys(jsondecode(output.permissions_policy).Statement[1]), "Condition")
    error_message = "A statement without conditions must not carry a Condition key."
  }
}

run "statements_alone_are_a_grant" {
  command = plan

  variables {
    pinpoint_app_id = null
    statements      = { DenyDelete = { effect = "Deny", actions = ["sqs:PurgeQueue"], resources = ["arn:aws:sqs:eu-west-1:222222222222:jobs"] } }
  }

  assert {
    condition     = jsondecode(output.permissions_policy).Statement == [{ Sid = "DenyDelete", Effect = "Deny", Action = ["sqs:PurgeQueue"], Resource = ["arn:aws:sqs:eu-west-1:222222222222:jobs"] }]
    error_message = "A Deny statement alone renders as written."
  }
}

run "accepts_prefix_wildcard_and_set_operators" {
  command = plan
  variables {
    statements = {
      ReadReports = {
        actions   = ["s3:GetObject"]
        resources = ["arn:aws:s3:::reports-222222222222/exports/*"]
        condition = [{ test = "ForAnyValue:StringEquals", variable = "aws:TagKeys", values = ["team"] }]
      }
    }
  }
  assert {
    condition     = jsondecode(output.permissions_policy).Statement[1].Resource == ["arn:aws:s3:::reports-222222222222/exports/*"]
    error_message = "A wildcard after the account part is allowed and rendered as written."
  }
  assert {
    condition     = jsondecode(output.permissions_policy).Statement[1].Condition == { "ForAnyValue:StringEquals" = { "aws:TagKeys" = ["team"] } }
    error_message = "Set operators (ForAnyValue:/ForAllValues:) are accepted."
  }
}

# ---- outputs -------------------------------------------------------------------

run "outputs_role_arn_name_and_unique_id" {
  command = apply

  assert {
    condition     = output.role_arn == "arn:aws:iam::222222222222:role/cross-account-pinpoint-endpoints"
    error_message = "role_arn output must be the role's ARN."
  }

  assert {
    condition     = output.role_name == "cross-account-pinpoint-endpoints" && output.role_unique_id == "AROAEXAMPLEUNIQUEID01"
    error_message = "role_name and role_unique_id outputs must be the role's."
  }

  assert {
    condition     = output.permissions_policy == aws_iam_role_policy.this.policy
    error_message = "permissions_policy output must be the inline policy's document."
  }
}

# ---- every validation rejects a bad value -------------------------------------

run "rejects_no_grant_at_all" {
  command = plan
  variables {
    pinpoint_app_id = null
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_region" {
  command = plan
  variables {
    region = "Europe"
  }
  expect_failures = [var.region]
}

run "rejects_bad_account_id" {
  command = plan
  variables {
    account_id = "22222222222"
  }
  expect_failures = [var.account_id]
}

run "rejects_bad_pinpoint_app_id" {
  command = plan
  variables {
    pinpoint_app_id = "0123456789ABCDEF0123456789ABCDEF"
  }
  expect_failures = [var.pinpoint_app_id]
}

run "rejects_bad_lambda_account_id" {
  command = plan
  variables {
    lambda_account_id = "abc"
  }
  expect_failures = [var.lambda_account_id]
}

run "rejects_empty_trusted_role_arns" {
  command = plan
  variables {
    trusted_role_arns = []
  }
  expect_failures = [var.trusted_role_arns]
}

run "rejects_non_role_trusted_arn" {
  command = plan
  variables {
    trusted_role_arns = ["arn:aws:iam::111111111111:user/alice"]
  }
  expect_failures = [var.trusted_role_arns]
}

run "rejects_wildcard_trusted_arn" {
  command = plan
  variables {
    trusted_role_arns = ["arn:aws:iam::111111111111:role/*"]
  }
  expect_failures = [var.trusted_role_arns]
}

run "rejects_duplicate_trusted_arns" {
  command = plan
  variables {
    trusted_role_arns = ["arn:aws:iam::111111111111:role/a", "arn:aws:iam::111111111111:role/a"]
  }
  expect_failures = [var.trusted_role_arns]
}

run "rejects_trusted_role_in_another_account" {
  command = plan
  variables {
    trusted_role_arns = ["arn:aws:iam::333333333333:role/cross-account-endpoints"]
  }
  expect_failures = [aws_iam_role.this]
}

run "rejects_trusted_role_in_another_partition" {
  command = plan
  variables {
    trusted_role_arns = ["arn:aws-cn:iam::111111111111:role/cross-account-endpoints"]
  }
  expect_failures = [aws_iam_role.this]
}

run "rejects_wrong_provider_account" {
  command = plan
  variables {
    account_id = "444444444444"
  }
  expect_failures = [aws_iam_role.this]
}

run "rejects_bad_role_name" {
  command = plan
  variables {
    role_name = "has space"
  }
  expect_failures = [var.role_name]
}

run "rejects_bad_role_path" {
  command = plan
  variables {
    role_path = "integrations"
  }
  expect_failures = [var.role_path]
}

run "rejects_bad_external_id" {
  command = plan
  variables {
    external_id = "x"
  }
  expect_failures = [var.external_id]
}

run "rejects_short_max_session_duration" {
  command = plan
  variables {
    max_session_duration = 900
  }
  expect_failures = [var.max_session_duration]
}

run "rejects_long_max_session_duration" {
  command = plan
  variables {
    max_session_duration = 43201
  }
  expect_failures = [var.max_session_duration]
}

run "rejects_bad_permissions_boundary" {
  command = plan
  variables {
    permissions_boundary = "arn:aws:iam::222222222222:role/not-a-policy"
  }
  expect_failures = [var.permissions_boundary]
}

run "rejects_bad_source_identity" {
  command = plan
  variables {
    source_identities = ["has space"]
  }
  expect_failures = [var.source_identities]
}

run "rejects_duplicate_source_identities" {
  command = plan
  variables {
    source_identities = ["forwarder", "forwarder"]
  }
  expect_failures = [var.source_identities]
}

run "rejects_aws_session_tag_key" {
  command = plan
  variables {
    session_tag_keys = ["aws:team"]
  }
  expect_failures = [var.session_tag_keys]
}

run "rejects_wildcard_session_tag_key" {
  command = plan
  variables {
    session_tag_keys = ["team*"]
  }
  expect_failures = [var.session_tag_keys]
}

run "rejects_bad_statement_sid" {
  command = plan
  variables {
    statements = { "has-dash" = { actions = ["ses:SendEmail"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_statement_sid_taken_by_a_preset" {
  command = plan
  variables {
    statements = { PinpointEndpoints = { actions = ["ses:SendEmail"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_statement_effect" {
  command = plan
  variables {
    statements = { A = { effect = "allow", actions = ["ses:SendEmail"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_wildcard_statement_action" {
  command = plan
  variables {
    statements = { A = { actions = ["ses:Send*"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_star_statement_action" {
  command = plan
  variables {
    statements = { A = { actions = ["*"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_service_star_statement_action" {
  command = plan
  variables {
    statements = { A = { actions = ["ses:*"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_statement_without_actions" {
  command = plan
  variables {
    statements = { A = { actions = [], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_star_statement_resource" {
  command = plan
  variables {
    statements = { A = { actions = ["ses:SendEmail"], resources = ["*"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_wildcard_account_in_statement_resource" {
  command = plan
  variables {
    statements = { A = { actions = ["sqs:SendMessage"], resources = ["arn:aws:sqs:eu-west-1:*:jobs"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_wildcard_service_in_statement_resource" {
  command = plan
  variables {
    statements = { A = { actions = ["sqs:SendMessage"], resources = ["arn:aws:*:eu-west-1:222222222222:jobs"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_statement_not_action" {
  command = plan
  variables {
    statements = { A = { effect = "Deny", actions = ["ses:SendEmail"], not_actions = ["ses:SendRawEmail"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  expect_failures = [var.statements]
}

run "rejects_bad_statement_condition" {
  command = plan
  variables {
    statements = {
      A = {
        actions   = ["ses:SendEmail"]
        resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"]
        condition = [{ test = "StringEquals", variable = "ses:FromAddress", values = [] }]
      }
    }
  }
  expect_failures = [var.statements]
}

run "rejects_policy_over_the_iam_size_limit" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = [for i in range(300) : "queue-with-a-rather-long-name-${i}"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}
