# Source account: the Kinesis stream, the function that publishes its records
# to IoT in the target account, the event source mapping between them and the
# on-failure queue. Applied on its own with the source account's credentials,
# before or after ../target.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
  # Computed from the target role's fixed name: the role need not exist yet.
  target_role_arn = "arn:${local.partition}:iam::${var.target_account_id}:role/${var.target_role_name}"
}

resource "aws_kinesis_stream" "this" {
  name             = var.stream_name
  shard_count      = var.shard_count
  retention_period = var.retention_hours

  stream_mode_details {
    stream_mode = "PROVISIONED"
  }

  tags = var.tags
}

# Where a batch goes when its retries or its age run out: Lambda sends the batch's
# metadata (shard, first and last sequence number), not the records.
resource "aws_sqs_queue" "on_failure" {
  name                      = var.failure_queue_name
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true

  tags = var.tags
}

module "source_lambda" {
  # From another repository: source = "git::https://github.com/<org>/<repo>.git//modules/source-lambda?ref=vX.Y.Z"
  source = "../../../modules/source-lambda"

  function_name = var.function_name
  account_id    = var.account_id
  description   = "Publishes the records of Kinesis stream ${var.stream_name} to IoT topics ${var.topic_prefix}/<key> in account ${var.target_account_id}"
  package_path  = var.package_path
  handler       = "index.handler"
  timeout       = var.timeout

  targets = {
    iot = {
      role_arn = local.target_role_arn
      region   = var.target_region
      settings = merge(
        { topicPrefix = var.topic_prefix },
        var.topic_field == null ? {} : { topicField = var.topic_field },
        var.iot_endpoint == null ? {} : { iotEndpoint = var.iot_endpoint },
      )
    }
  }

  environment_variables = { PUBLISH_CONCURRENCY = tostring(var.publish_concurrency) }

  # What the event source mapping does with the execution role: read this stream, send failures to this queue.
  policy_statements = {
    ReadStream = {
      actions   = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"]
      resources = [aws_kinesis_stream.this.arn]
    }
    SendFailures = {
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.on_failure.arn]
    }
  }

  tags = var.tags
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = aws_kinesis_stream.this.arn
  function_name                      = module.source_lambda.function_arn
  starting_position                  = var.starting_position
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds
  function_response_types            = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error     = true
  maximum_retry_attempts             = var.maximum_retry_attempts
  maximum_record_age_in_seconds      = var.maximum_record_age_in_seconds

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.on_failure.arn
    }
  }

  # The mapping reads with the execution role: create it once the role may.
  depends_on = [module.source_lambda]
}
