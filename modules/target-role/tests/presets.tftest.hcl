# Offline unit tests: the AWS provider is mocked, nothing is created.
# Run with: make tf-test (or ./scripts/terraform.sh -chdir=modules/target-role test)

mock_provider "aws" {
  source = "./tests/mocks"
}

# Presets: every preset rendered exactly, from resource names to ARNs, conditions and KMS.
variables {
  region            = "eu-west-1"
  account_id        = "222222222222"
  lambda_account_id = "111111111111"
  trusted_role_arns = ["arn:aws:iam::111111111111:role/forwarder"]
}

run "customer_profiles_on_the_domain" {
  command = plan
  variables {
    permissions = { customer_profiles = { resources = ["customers"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      {
        Sid      = "CustomerProfiles"
        Effect   = "Allow"
        Action   = ["profile:SearchProfiles", "profile:UpdateProfile"]
        Resource = ["arn:aws:profile:eu-west-1:222222222222:domains/customers"]
      },
      {
        Sid      = "CustomerProfilesObjects"
        Effect   = "Allow"
        Action   = ["profile:PutProfileObject", "profile:PutProfileObjectType"]
        Resource = ["arn:aws:profile:eu-west-1:222222222222:domains/customers", "arn:aws:profile:eu-west-1:222222222222:domains/customers/object-types/PinpointEndpoint"]
      },
    ]
    error_message = "customer_profiles must grant exactly the function's calls: Search/UpdateProfile on the domain, Put object (type) on the domain and its PinpointEndpoint object type; never CreateProfile."
  }
}

run "pinpoint_endpoints_on_several_apps" {
  command = plan
  variables {
    permissions = { pinpoint_endpoints = { resources = ["0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement[0].Resource == [
      "arn:aws:mobiletargeting:eu-west-1:222222222222:apps/0123456789abcdef0123456789abcdef/endpoints/*",
      "arn:aws:mobiletargeting:eu-west-1:222222222222:apps/fedcba9876543210fedcba9876543210/endpoints/*",
    ]
    error_message = "pinpoint_endpoints must name each app's endpoints."
  }
}

run "ssm_read_path_not_recursive" {
  command = plan
  variables {
    permissions = { ssm_read = { resources = ["/app", "config"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      {
        Sid    = "SsmRead"
        Effect = "Allow"
        Action = ["ssm:GetParameter", "ssm:GetParameters"]
        Resource = [
          "arn:aws:ssm:eu-west-1:222222222222:parameter/app",
          "arn:aws:ssm:eu-west-1:222222222222:parameter/app/*",
          "arn:aws:ssm:eu-west-1:222222222222:parameter/config",
          "arn:aws:ssm:eu-west-1:222222222222:parameter/config/*",
        ]
      },
      {
        Sid       = "SsmReadByPath"
        Effect    = "Allow"
        Action    = ["ssm:GetParametersByPath"]
        Resource  = ["arn:aws:ssm:eu-west-1:222222222222:parameter/app", "arn:aws:ssm:eu-west-1:222222222222:parameter/config"]
        Condition = { StringNotEquals = { "ssm:Recursive" = ["true"] } }
      },
    ]
    error_message = "ssm_read must grant Get on the names and below them, GetParametersByPath on the path ARN, not recursive."
  }
}

run "ssm_read_recursive_with_securestring_key" {
  command = plan
  variables {
    permissions = { ssm_read = { resources = ["/app"], recursive = true, kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"] } }
  }
  assert {
    condition     = !contains(keys(jsondecode(output.permissions_policy).Statement[1]), "Condition")
    error_message = "recursive = true must drop the ssm:Recursive condition."
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement[2] == {
      Sid       = "SsmReadKms"
      Effect    = "Allow"
      Action    = ["kms:Decrypt"]
      Resource  = ["arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = "ssm.eu-west-1.amazonaws.com" } }
    }
    error_message = "SecureString keys need kms:Decrypt bound to SSM with kms:ViaService."
  }
}

run "sqs_send_standard_and_fifo_with_key" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = ["orders", "orders.fifo"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      { Sid = "SqsSend", Effect = "Allow", Action = ["sqs:GetQueueUrl", "sqs:SendMessage"], Resource = ["arn:aws:sqs:eu-west-1:222222222222:orders", "arn:aws:sqs:eu-west-1:222222222222:orders.fifo"] },
      { Sid = "SqsSendKms", Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = ["arn:aws:kms:eu-west-1:222222222222:key/k1"], Condition = { StringEquals = { "kms:ViaService" = "sqs.eu-west-1.amazonaws.com" } } },
    ]
    error_message = "sqs_send must grant SendMessage/GetQueueUrl on the queues and GenerateDataKey/Decrypt via SQS on the key."
  }
}

run "dynamodb_read_tables_only" {
  command = plan
  variables {
    permissions = { dynamodb_read = { resources = ["Orders"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [{
      Sid      = "DynamoDbRead"
      Effect   = "Allow"
      Action   = ["dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan"]
      Resource = ["arn:aws:dynamodb:eu-west-1:222222222222:table/Orders"]
    }]
    error_message = "dynamodb_read without indexes must render the table statement only."
  }
  assert {
    condition     = length([for a in jsondecode(output.permissions_policy).Statement[0].Action : a if contains(["dynamodb:DeleteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PutItem", "dynamodb:UpdateItem"], a)]) == 0
    error_message = "A read-only grant must not contain DeleteItem or PartiQL write forms."
  }
}

run "dynamodb_read_with_indexes" {
  command = plan
  variables {
    permissions = { dynamodb_read = { resources = ["Orders", "Customers"], indexes = ["byCustomer"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement[1] == {
      Sid      = "DynamoDbReadIndexes"
      Effect   = "Allow"
      Action   = ["dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan"]
      Resource = ["arn:aws:dynamodb:eu-west-1:222222222222:table/Orders/index/byCustomer", "arn:aws:dynamodb:eu-west-1:222222222222:table/Customers/index/byCustomer"]
    }
    error_message = "Index reads need the index ARNs table/T/index/I."
  }
}

run "dynamodb_write" {
  command = plan
  variables {
    permissions = { dynamodb_write = { resources = ["Orders"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [{
      Sid      = "DynamoDbWrite"
      Effect   = "Allow"
      Action   = ["dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
      Resource = ["arn:aws:dynamodb:eu-west-1:222222222222:table/Orders"]
    }]
    error_message = "dynamodb_write must grant the item writes on the table."
  }
}

run "s3_read_whole_bucket" {
  command = plan
  variables {
    permissions = { s3_read = { resources = ["reports-bucket"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      { Sid = "S3ReadList", Effect = "Allow", Action = ["s3:ListBucket"], Resource = ["arn:aws:s3:::reports-bucket"] },
      { Sid = "S3ReadObjects", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::reports-bucket/*"] },
    ]
    error_message = "s3_read without prefixes covers the bucket's objects and its listing."
  }
}

run "s3_read_prefixes_and_key" {
  command = plan
  variables {
    permissions = { s3_read = { resources = ["data-bucket"], prefixes = ["reports", "exports/"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      { Sid = "S3ReadList", Effect = "Allow", Action = ["s3:ListBucket"], Resource = ["arn:aws:s3:::data-bucket"], Condition = { StringLike = { "s3:prefix" = ["reports/*", "exports/*"] } } },
      { Sid = "S3ReadObjects", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::data-bucket/reports/*", "arn:aws:s3:::data-bucket/exports/*"] },
      { Sid = "S3ReadKms", Effect = "Allow", Action = ["kms:Decrypt"], Resource = ["arn:aws:kms:eu-west-1:222222222222:key/k1"], Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } } },
    ]
    error_message = "Prefixes end in / (reports is not reports-old), ListBucket is narrowed with s3:prefix, the key bound to S3."
  }
}

run "s3_write_prefix_and_key" {
  command = plan
  variables {
    permissions = { s3_write = { resources = ["data-bucket"], prefixes = ["incoming/"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      { Sid = "S3WriteObjects", Effect = "Allow", Action = ["s3:PutObject"], Resource = ["arn:aws:s3:::data-bucket/incoming/*"] },
      { Sid = "S3WriteKms", Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = ["arn:aws:kms:eu-west-1:222222222222:key/k1"], Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } } },
    ]
    error_message = "s3_write must grant PutObject below the prefix and the key's GenerateDataKey/Decrypt via S3."
  }
}

run "iot_publish_with_describe_endpoint" {
  command = plan
  variables {
    permissions = { iot_publish = { resources = ["devices/42/commands"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      { Sid = "IotPublish", Effect = "Allow", Action = ["iot:Publish"], Resource = ["arn:aws:iot:eu-west-1:222222222222:topic/devices/42/commands"] },
      { Sid = "IotPublishDescribeEndpoint", Effect = "Allow", Action = ["iot:DescribeEndpoint"], Resource = ["*"] },
    ]
    error_message = "iot_publish must grant Publish on topic/<name> and DescribeEndpoint on * (no narrower resource exists)."
  }
}

run "iot_publish_with_configured_endpoint" {
  command = plan
  variables {
    permissions = { iot_publish = { resources = ["devices/42/commands"], describe_endpoint = false } }
  }
  assert {
    condition     = [for s in jsondecode(output.permissions_policy).Statement : s.Sid] == ["IotPublish"]
    error_message = "describe_endpoint = false must leave out the Resource * statement."
  }
}

run "kinesis_write_with_key" {
  command = plan
  variables {
    permissions = { kinesis_write = { resources = ["clicks"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] } }
  }
  assert {
    condition = jsondecode(output.permissions_policy).Statement == [
      { Sid = "KinesisWrite", Effect = "Allow", Action = ["kinesis:PutRecord", "kinesis:PutRecords"], Resource = ["arn:aws:kinesis:eu-west-1:222222222222:stream/clicks"] },
      { Sid = "KinesisWriteKms", Effect = "Allow", Action = ["kms:GenerateDataKey"], Resource = ["arn:aws:kms:eu-west-1:222222222222:key/k1"], Condition = { StringEquals = { "kms:ViaService" = "kinesis.eu-west-1.amazonaws.com" } } },
    ]
    error_message = "kinesis_write must grant PutRecord/PutRecords on the stream ARN and the key via Kinesis."
  }
}

run "partition_and_dns_suffix_from_the_provider" {
  command = plan
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn" }
  }
  variables {
    region            = "cn-north-1"
    trusted_role_arns = ["arn:aws-cn:iam::111111111111:role/forwarder"]
    permissions       = { sqs_send = { resources = ["orders"], kms_key_arns = ["arn:aws-cn:kms:cn-north-1:222222222222:key/k1"] } }
  }
  assert {
    condition     = jsondecode(output.permissions_policy).Statement[0].Resource == ["arn:aws-cn:sqs:cn-north-1:222222222222:orders"] && jsondecode(output.permissions_policy).Statement[1].Condition.StringEquals["kms:ViaService"] == "sqs.cn-north-1.amazonaws.com.cn"
    error_message = "ARNs take the provider's partition and kms:ViaService its DNS suffix."
  }
  assert {
    condition     = jsondecode(output.trust_policy).Statement[0].Principal.AWS == "arn:aws-cn:iam::111111111111:root"
    error_message = "The trust principal takes the provider's partition."
  }
}

# Every preset and a raw statement at once: the properties hold over the whole rendered policy.
run "every_preset_at_once" {
  command = plan
  variables {
    pinpoint_app_id = "0123456789abcdef0123456789abcdef"
    permissions = {
      pinpoint_endpoints = { resources = ["fedcba9876543210fedcba9876543210"] }
      customer_profiles  = { resources = ["customers"] }
      ssm_read           = { resources = ["/app"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] }
      sqs_send           = { resources = ["orders.fifo"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] }
      dynamodb_read      = { resources = ["Orders"], indexes = ["byCustomer"] }
      dynamodb_write     = { resources = ["Orders"] }
      s3_read            = { resources = ["data-bucket"], prefixes = ["reports/"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] }
      s3_write           = { resources = ["data-bucket"], prefixes = ["incoming/"] }
      iot_publish        = { resources = ["devices/42/commands"] }
      kinesis_write      = { resources = ["clicks"] }
    }
    statements = { SendMail = { actions = ["ses:SendEmail"], resources = ["arn:aws:ses:eu-west-1:222222222222:identity/example.com"] } }
  }
  assert {
    condition = [for s in jsondecode(output.permissions_policy).Statement : s.Sid] == [
      "CustomerProfiles", "CustomerProfilesObjects", "DynamoDbRead", "DynamoDbReadIndexes", "DynamoDbWrite", "IotPublish", "IotPublishDescribeEndpoint", "KinesisWrite",
      "PinpointEndpoints", "S3ReadList", "S3ReadObjects", "S3ReadKms", "S3WriteObjects", "SqsSend", "SqsSendKms", "SsmRead", "SsmReadByPath", "SsmReadKms", "SendMail",
    ]
    error_message = "One statement per job, one Sid each, presets sorted by name then raw statements."
  }
  assert {
    condition     = alltrue(flatten([for s in jsondecode(output.permissions_policy).Statement : [for a in flatten([s.Action]) : !can(regex("^([a-z0-9-]+:)?\\*$", a)) && !strcontains(a, "*")]]))
    error_message = "No rendered Action may be * or service:* (or any wildcard)."
  }
  assert {
    condition     = alltrue(flatten([for s in jsondecode(output.trust_policy).Statement : [for a in flatten([s.Action]) : !strcontains(a, "*")]]))
    error_message = "No trust Action may be a wildcard."
  }
  assert {
    # A resource wildcard only below a named prefix: "*" alone only for iot:DescribeEndpoint; otherwise
    # nothing before the last path segment is a wildcard, and partition/service/region/account never are.
    condition = alltrue(flatten([for s in jsondecode(output.permissions_policy).Statement : [
      for r in flatten([s.Resource]) : r == "*" ? s.Action == ["iot:DescribeEndpoint"] : (
        !can(regex("^arn:[^:]*[*?]", join(":", slice(split(":", r), 0, 5)))) && !strcontains(trimsuffix(r, "*"), "*")
      )
    ]]))
    error_message = "Resource wildcards only as the last character below a named prefix; Resource * only for iot:DescribeEndpoint."
  }
  assert {
    condition     = length(distinct([for s in jsondecode(output.permissions_policy).Statement : s.Sid])) == length(jsondecode(output.permissions_policy).Statement)
    error_message = "Sids must be unique."
  }
}

# ---- every permissions rule rejects a bad value --------------------------------

run "rejects_unknown_preset" {
  command = plan
  variables {
    permissions = { ses_send = { resources = ["example.com"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_preset_without_resources" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = [] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_duplicate_resources" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = ["orders", "orders"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_arn_as_resource_name" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = ["arn:aws:sqs:eu-west-1:222222222222:orders"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_wildcard_resource_name" {
  command = plan
  variables {
    permissions = { dynamodb_read = { resources = ["Orders*"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_wildcard_prefix" {
  command = plan
  variables {
    permissions = { s3_read = { resources = ["data-bucket"], prefixes = ["reports/*"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_kms_alias_arn" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = ["orders"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:alias/orders"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_bad_index_name" {
  command = plan
  variables {
    permissions = { dynamodb_read = { resources = ["Orders"], indexes = ["by customer"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_prefix_starting_with_slash" {
  command = plan
  variables {
    permissions = { s3_write = { resources = ["data-bucket"], prefixes = ["/incoming"] } }
  }
  expect_failures = [var.permissions]
}

run "rejects_kms_keys_on_a_preset_without_kms" {
  command = plan
  variables {
    permissions = { dynamodb_read = { resources = ["Orders"], kms_key_arns = ["arn:aws:kms:eu-west-1:222222222222:key/k1"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_indexes_on_a_preset_without_indexes" {
  command = plan
  variables {
    permissions = { dynamodb_write = { resources = ["Orders"], indexes = ["byCustomer"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_prefixes_on_a_preset_without_prefixes" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = ["orders"], prefixes = ["a/"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_recursive_on_a_preset_other_than_ssm_read" {
  command = plan
  variables {
    permissions = { s3_read = { resources = ["data-bucket"], recursive = true } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_describe_endpoint_off_on_a_preset_other_than_iot" {
  command = plan
  variables {
    permissions = { kinesis_write = { resources = ["clicks"], describe_endpoint = false } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

# One bad name per preset: each preset's name rule comes from the table.
run "rejects_bad_pinpoint_endpoints_name" {
  command = plan
  variables {
    permissions = { pinpoint_endpoints = { resources = ["not-an-app-id"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_customer_profiles_name" {
  command = plan
  variables {
    permissions = { customer_profiles = { resources = ["has space"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_ssm_read_name" {
  command = plan
  variables {
    permissions = { ssm_read = { resources = ["/app/"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_sqs_send_name" {
  command = plan
  variables {
    permissions = { sqs_send = { resources = ["orders.fifo.fifo"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_dynamodb_read_name" {
  command = plan
  variables {
    permissions = { dynamodb_read = { resources = ["ab"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_dynamodb_write_name" {
  command = plan
  variables {
    permissions = { dynamodb_write = { resources = ["table/Orders"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_s3_read_name" {
  command = plan
  variables {
    permissions = { s3_read = { resources = ["Data_Bucket"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_s3_write_name" {
  command = plan
  variables {
    permissions = { s3_write = { resources = ["data-bucket/incoming"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_iot_publish_name" {
  command = plan
  variables {
    permissions = { iot_publish = { resources = ["devices/+/commands"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_kinesis_write_name" {
  command = plan
  variables {
    permissions = { kinesis_write = { resources = ["clicks stream"] } }
  }
  expect_failures = [aws_iam_role_policy.this]
}
