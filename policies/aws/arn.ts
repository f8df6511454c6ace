/** The parts of an Amazon Resource Name. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  /** Empty for global resources (IAM, S3 buckets). */
  readonly region: string;
  /** Empty for some resources (S3 buckets, public EBS snapshots). */
  readonly account: string;
  readonly resource: string;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

/** Parses an ARN; `undefined` when the string is not one. The resource part may hold `:` and `/`. */
export function parseArn(value: string): Arn | undefined {
  const match = ARN.exec(value.trim());
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match;
  return { partition, service, region, account: account === "aws" ? "" : account, resource };
}

/** The vault name in an AWS Backup vault ARN (`...:backup-vault:NAME`). */
export function backupVaultNameFromArn(arn: Arn): string | undefined {
  if (arn.service !== "backup") return undefined;
  const match = /^backup-vault:(.+)$/.exec(arn.resource);
  return match ? match[1] : undefined;
}

/** The account an IAM role ARN belongs to (used for providers' `assumeRoles[].roleArn`). */
export function accountOfRoleArn(value: string): string | undefined {
  const arn = parseArn(value);
  return arn && arn.service === "iam" && arn.account !== "" ? arn.account : undefined;
}
