# The bundled example (example/index.ts) written for Terraform / OpenTofu with the AWS provider v6.
# blocked.plan.json and passing.plan.json are `terraform show -json` of a plan of this configuration
# with `-var scenario=blocked` (dr_region = eu-west-3, dr_role_arn in the production account) and
# `-var-file=passing.tfvars` (dr_region = eu-central-1, dr_role_arn in the backup account 222222222222):
#
#   terraform plan -var-file=passing.tfvars -out=plan.out && terraform show -json plan.out > passing.plan.json
#   backup-guard check passing.plan.json
#
# Resource names are those of the Pulumi example, so both report the same findings on the same names.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 6.0" }
  }
}

variable "scenario" {
  type    = string
  default = "blocked"
}

variable "dr_region" {
  type    = string
  default = "eu-west-3"
}

variable "dr_role_arn" {
  type    = string
  default = "arn:aws:iam::111111111111:role/backup-copy-admin"
}

locals {
  passing = var.scenario == "passing"
}

# The production account and region (the Pulumi stack config aws:region / aws:allowedAccountIds).
provider "aws" {
  region              = "eu-west-3"
  allowed_account_ids = ["111111111111"]
}

# Where the copies go. Passing: another region, through a role in a dedicated backup account.
# Blocked: the production region and account.
provider "aws" {
  alias  = "dr"
  region = var.dr_region
  assume_role {
    role_arn = var.dr_role_arn
  }
}

resource "aws_dynamodb_table" "orders" {
  name                        = "orders"
  hash_key                    = "id"
  billing_mode                = "PAY_PER_REQUEST"
  deletion_protection_enabled = local.passing
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_backup_vault" "primary" {
  name = "orders-primary"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "orders-dr"
}

resource "aws_backup_vault_lock_configuration" "primary-lock" {
  backup_vault_name   = aws_backup_vault.primary.name
  min_retention_days  = 7
  max_retention_days  = 365
  changeable_for_days = local.passing ? 3 : null
}

resource "aws_backup_vault_lock_configuration" "dr-lock" {
  count               = local.passing ? 1 : 0
  provider            = aws.dr
  backup_vault_name   = aws_backup_vault.dr.name
  changeable_for_days = 3
  min_retention_days  = 7
  max_retention_days  = 365
}

resource "aws_backup_vault_policy" "dr" {
  count             = local.passing ? 1 : 0
  provider          = aws.dr
  backup_vault_name = aws_backup_vault.dr.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyRecoveryPointDeletion"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]
      Resource  = "*"
    }]
  })
}

resource "aws_backup_restore_testing_plan" "restore-tests-primary" {
  count               = local.passing ? 1 : 0
  name                = "orders_restore_tests_primary"
  schedule_expression = "cron(0 12 ? * MON *)"
  recovery_point_selection {
    algorithm             = "LATEST_WITHIN_WINDOW"
    include_vaults        = ["*"]
    recovery_point_types  = ["SNAPSHOT"]
  }
}

resource "aws_backup_restore_testing_selection" "restore-orders-primary" {
  count                     = local.passing ? 1 : 0
  name                      = "orders_primary"
  restore_testing_plan_name = aws_backup_restore_testing_plan.restore-tests-primary[0].name
  protected_resource_type   = "DynamoDB"
  iam_role_arn              = "arn:aws:iam::111111111111:role/restore-testing"
  protected_resource_arns   = ["*"]
}

resource "aws_backup_restore_testing_plan" "restore-tests-dr" {
  count               = local.passing ? 1 : 0
  provider            = aws.dr
  name                = "orders_restore_tests_dr"
  schedule_expression = "cron(0 12 ? * MON *)"
  recovery_point_selection {
    algorithm             = "LATEST_WITHIN_WINDOW"
    include_vaults        = ["*"]
    recovery_point_types  = ["SNAPSHOT"]
  }
}

resource "aws_backup_restore_testing_selection" "restore-orders-dr" {
  count                     = local.passing ? 1 : 0
  provider                  = aws.dr
  name                      = "orders_dr"
  restore_testing_plan_name = aws_backup_restore_testing_plan.restore-tests-dr[0].name
  protected_resource_type   = "DynamoDB"
  iam_role_arn              = "arn:aws:iam::222222222222:role/restore-testing"
  protected_resource_arns   = ["*"]
}

resource "aws_backup_plan" "orders-backup" {
  name = "orders-backup"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
      lifecycle {
        delete_after = 35
      }
    }
  }
}

resource "aws_backup_selection" "orders" {
  name         = "orders"
  plan_id      = aws_backup_plan.orders-backup.id
  iam_role_arn = "arn:aws:iam::111111111111:role/backup-service"
  resources    = [aws_dynamodb_table.orders.arn]
}

# Exports of the orders, replicated with S3's own replication (not AWS Backup).
resource "aws_s3_bucket" "orders-exports" {
  bucket = "orders-exports-111111111111"
}

resource "aws_s3_bucket_versioning" "orders-exports" {
  bucket = aws_s3_bucket.orders-exports.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "orders-exports-replica" {
  provider            = aws.dr
  bucket              = "orders-exports-replica-222222222222"
  object_lock_enabled = local.passing
}

resource "aws_s3_bucket_versioning" "orders-exports-replica" {
  provider = aws.dr
  bucket   = aws_s3_bucket.orders-exports-replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "orders-exports-replica" {
  count    = local.passing ? 1 : 0
  provider = aws.dr
  bucket   = aws_s3_bucket.orders-exports-replica.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 35
    }
  }
}

resource "aws_s3_bucket_replication_configuration" "orders-exports" {
  bucket = aws_s3_bucket.orders-exports.id
  role   = "arn:aws:iam::111111111111:role/s3-replication"
  rule {
    id     = "everything"
    status = "Enabled"
    delete_marker_replication {
      status = "Disabled"
    }
    destination {
      bucket  = aws_s3_bucket.orders-exports-replica.arn
      account = local.passing ? "222222222222" : null
      dynamic "access_control_translation" {
        for_each = local.passing ? [1] : []
        content {
          owner = "Destination"
        }
      }
    }
  }
}
