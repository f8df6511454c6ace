# The Strasbourg case (example/strasbourg.ts, stacks strasbourg-blocked and strasbourg-fixed) written for
# Terraform / OpenTofu with the OVH provider. blocked.plan.json and fixed.plan.json are `terraform show -json`
# of a plan of this configuration with the default backup_regions (["SBG"]) and with -var-file=fixed.tfvars
# (["SBG", "GRA"]):
#
#   terraform plan -var project=0123456789abcdef0123456789abcdef -var-file=fixed.tfvars -out=plan.out
#   terraform show -json plan.out > fixed.plan.json
#   backup-guard check --ovh-accounts ovh-accounts.json fixed.plan.json
#
# ovh-accounts.json names the OVHcloud account of the project (as stack config backup-guard:ovhAccounts does
# for the Pulumi stacks). Findings name Terraform addresses (ovh_cloud_project_database.orders).

terraform {
  required_providers {
    ovh = { source = "ovh/ovh", version = "~> 2.7" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "project" {
  description = "The Public Cloud project (serviceName)"
  type        = string
}

variable "backup_regions" {
  description = "Where OVHcloud keeps the database's backups"
  type        = list(string)
  default     = ["SBG"]
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.project
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "business"
  flavor       = "db1-7"
  nodes {
    region = "SBG"
  }
  nodes {
    region = "SBG"
  }
  # SBG and SBG5 are the same site: only another site (GRA, 300 km away) survives a site-wide disaster.
  backup_regions      = var.backup_regions
  backup_time         = "02:00:00"
  deletion_protection = true
}
