# Offline test of the target root with a mocked provider (make tf-test): the grants each target
# account gets, and a passing and a failing case for every validation rule.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "222222222222" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::222222222222:role/s3-multi-account-reader" }
  }
}

run "b_defaults_grant_the_read_prefix_and_the_report_prefix_only" {
  command = apply

  assert {
    condition = [for s in jsondecode(output.permissions_policy).Statement : [s.Sid, s.Action, s.Resource, try(s.Condition, null)]] == [
      ["S3ReadList", ["s3:ListBucket"], ["arn:aws:s3:::s3-multi-account-data-222222222222"], { StringLike = { "s3:prefix" = ["incoming/*"] } }],
      ["S3ReadObjects", ["s3:GetObject"], ["arn:aws:s3:::s3-multi-account-data-222222222222/incoming/*"], null],
      ["S3WriteObjects", ["s3:PutObject"], ["arn:aws:s3:::s3-multi-account-data-222222222222/reports/*"], null],
    ]
    error_message = "B's role must list and read incoming/ and write reports/ in its bucket, nothing else."
  }

  assert {
    condition     = output.bucket_name == "s3-multi-account-data-222222222222" && output.read_prefix == "incoming/" && output.report_prefix == "reports/"
    error_message = "Outputs must name the bucket and the prefixes with their trailing slash."
  }

  assert {
    condition     = length(aws_s3_object.sample) == 3 && aws_s3_bucket.data.force_destroy
    error_message = "The sample objects must be created and the bucket destroyable with the reports in it."
  }
}

run "c_is_the_same_root_with_its_own_variables" {
  command = apply

  variables {
    account_id     = "333333333333"
    bucket_name    = "s3-multi-account-data-333333333333"
    read_prefix    = "exports/daily"
    report_prefix  = "summaries"
    sample_objects = {}
  }

  override_data {
    target = module.target_role.data.aws_caller_identity.current
    values = { account_id = "333333333333" }
  }

  assert {
    condition     = output.read_prefix == "exports/daily/" && output.report_prefix == "summaries/"
    error_message = "A prefix without its trailing slash must get one (\"summaries\" must not match \"summaries-old/\")."
  }

  assert {
    condition     = jsondecode(output.permissions_policy).Statement[1].Resource == ["arn:aws:s3:::s3-multi-account-data-333333333333/exports/daily/*"]
    error_message = "C's role must read only below C's read prefix in C's bucket."
  }
}

run "rejects_overlapping_prefixes" {
  command = plan
  variables {
    read_prefix   = "data/"
    report_prefix = "data/reports/"
  }
  expect_failures = [var.report_prefix]
}

run "rejects_a_prefix_with_a_wildcard" {
  command = plan
  variables {
    read_prefix = "incoming/*"
  }
  expect_failures = [var.read_prefix]
}

run "rejects_a_report_prefix_with_a_leading_slash" {
  command = plan
  variables {
    report_prefix = "/reports"
  }
  expect_failures = [var.report_prefix]
}

run "rejects_a_bad_bucket_name" {
  command = plan
  variables {
    bucket_name = "Data_Bucket"
  }
  expect_failures = [var.bucket_name]
}

run "rejects_a_bad_account_id" {
  command = plan
  variables {
    account_id = "2222"
  }
  expect_failures = [var.account_id]
}

run "rejects_a_bad_lambda_account_id" {
  command = plan
  variables {
    lambda_account_id = "source"
  }
  expect_failures = [var.lambda_account_id]
}

run "rejects_a_bad_region" {
  command = plan
  variables {
    region = "Europe"
  }
  expect_failures = [var.region]
}

run "rejects_a_bad_function_name" {
  command = plan
  variables {
    function_name = "my function"
  }
  expect_failures = [var.function_name]
}

run "rejects_a_bad_execution_role_path" {
  command = plan
  variables {
    execution_role_path = "service-role"
  }
  expect_failures = [var.execution_role_path]
}

run "rejects_a_bad_role_name" {
  command = plan
  variables {
    role_name = "reader/role"
  }
  expect_failures = [var.role_name]
}

run "rejects_a_sample_key_with_a_leading_slash" {
  command = plan
  variables {
    sample_objects = { "/incoming/a.csv" = "x" }
  }
  expect_failures = [var.sample_objects]
}
