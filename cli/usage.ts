/** The command's help text (`backup-guard --help`). */
export const USAGE = `Usage:
  backup-guard check [options] FILE|-     check a plan or a Pulumi state/preview (- reads standard input)
  backup-guard config check FILE          validate a policy-pack config offline
  backup-guard --help | --version

Inputs (detected from the content):
  Terraform/OpenTofu plan   terraform plan -out plan.out && terraform show -json plan.out > plan.json
  Pulumi preview            pulumi preview --json > preview.json
  Pulumi state              pulumi stack export > stack.json

Options of check:
  --config FILE             the JSON of pulumi preview --policy-pack-config (levels, all, settings, backup-exemptions)
  --format FORMAT           text (default), json, sarif, junit or html (the backup map)
  --output FILE             write the report to FILE (the summary line still goes to standard error)
  --fail-on LEVEL           mandatory (default), advisory or never: the lowest level that fails the run
  --default-region REGION   the region of resources whose provider sets none (e.g. set by AWS_REGION in CI)
  --ovh-accounts FILE       OVHcloud accounts and their projects, {"<account>": ["<project id>", ...]}
                            (the JSON of stack config backup-guard:ovhAccounts, which it replaces)
  --allow-empty             exit 0 when the input has no resource at all (default: exit 2)
  --source-dir DIR          the Terraform configuration's root module directory: SARIF results point at the
                            resource blocks of its .tf files (default: the plan file's directory)

Exit codes:
  0  no finding at or above --fail-on
  1  blocked: a finding at or above --fail-on
  2  usage or input error: unreadable, not JSON, truncated, unsupported format, errored plan, config
     refused, or no resource at all (unless --allow-empty)
`;
