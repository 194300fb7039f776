# Offline tests of the example root with a mocked provider (make tf-test): what it renders,
# and a passing and a failing value for every validation rule.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "222222222222" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::222222222222:role/customer-profiles-endpoints" }
  }
}

run "domain_and_preset_on_it" {
  command = plan

  variables {
    domain_name                = "crm-eu"
    dead_letter_queue_url      = "https://sqs.eu-west-1.amazonaws.com/222222222222/crm-dlq"
    default_encryption_key_arn = "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    default_expiration_days    = 30
    external_id                = "crm-external-id"
    execution_role_path        = "/integrations/"
  }

  assert {
    condition     = aws_customerprofiles_domain.this.domain_name == "crm-eu" && aws_customerprofiles_domain.this.default_expiration_days == 30
    error_message = "The domain must carry the configured name and expiration."
  }

  assert {
    condition     = aws_customerprofiles_domain.this.dead_letter_queue_url == "https://sqs.eu-west-1.amazonaws.com/222222222222/crm-dlq"
    error_message = "The dead-letter queue must be passed through."
  }

  assert {
    condition     = jsondecode(output.permissions_policy).Statement[0].Resource == ["arn:aws:profile:eu-west-1:222222222222:domains/crm-eu"]
    error_message = "The customer_profiles preset must name exactly the domain."
  }

  assert {
    condition     = jsondecode(output.trust_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == ["arn:aws:iam::111111111111:role/integrations/customer-profiles-endpoints"]
    error_message = "The trust must name the execution role computed from its account, path and name."
  }
}

run "no_dead_letter_queue_no_key_by_default" {
  command = plan

  assert {
    condition     = aws_customerprofiles_domain.this.dead_letter_queue_url == null && aws_customerprofiles_domain.this.default_encryption_key == null
    error_message = "Without inputs the domain has no dead-letter queue and the AWS owned key."
  }
}

run "rejects_region" {
  command = plan
  variables {
    region = "Europe"
  }
  expect_failures = [var.region]
}

run "rejects_account_id" {
  command = plan
  variables {
    account_id = "2222"
  }
  expect_failures = [var.account_id]
}

run "rejects_domain_name" {
  command = plan
  variables {
    domain_name = "crm.eu"
  }
  expect_failures = [var.domain_name]
}

run "rejects_expiration_zero" {
  command = plan
  variables {
    default_expiration_days = 0
  }
  expect_failures = [var.default_expiration_days]
}

run "rejects_expiration_too_long" {
  command = plan
  variables {
    default_expiration_days = 1099
  }
  expect_failures = [var.default_expiration_days]
}

run "rejects_expiration_fraction" {
  command = plan
  variables {
    default_expiration_days = 1.5
  }
  expect_failures = [var.default_expiration_days]
}

run "rejects_dead_letter_queue_url" {
  command = plan
  variables {
    dead_letter_queue_url = "crm-dlq"
  }
  expect_failures = [var.dead_letter_queue_url]
}

run "rejects_fifo_dead_letter_queue" {
  command = plan
  variables {
    dead_letter_queue_url = "https://sqs.eu-west-1.amazonaws.com/222222222222/crm-dlq.fifo"
  }
  expect_failures = [var.dead_letter_queue_url]
}

run "rejects_key_alias" {
  command = plan
  variables {
    default_encryption_key_arn = "arn:aws:kms:eu-west-1:222222222222:alias/crm"
  }
  expect_failures = [var.default_encryption_key_arn]
}

run "rejects_lambda_account_id" {
  command = plan
  variables {
    lambda_account_id = "111"
  }
  expect_failures = [var.lambda_account_id]
}

run "rejects_execution_role_name" {
  command = plan
  variables {
    execution_role_name = "has space"
  }
  expect_failures = [var.execution_role_name]
}

run "rejects_execution_role_path" {
  command = plan
  variables {
    execution_role_path = "integrations"
  }
  expect_failures = [var.execution_role_path]
}

run "rejects_role_name" {
  command = plan
  variables {
    role_name = "role/with/slash"
  }
  expect_failures = [var.role_name]
}

run "rejects_short_external_id" {
  command = plan
  variables {
    external_id = "x"
  }
  expect_failures = [var.external_id]
}

run "rejects_external_id_characters" {
  command = plan
  variables {
    external_id = "not allowed!"
  }
  expect_failures = [var.external_id]
}
