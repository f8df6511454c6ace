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

const PARTITION = /^(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc)$/;
/** Text JavaScript makes of a Promise, an object or a Pulumi Output placed in a template string. */
const STRINGIFIED_VALUE = /\[object (Promise|Object)\]|Calling \[toString\] on an \[Output<T>\]/;

/**
 * Why `value` is not an AWS Backup vault ARN (`arn:PARTITION:backup:REGION:ACCOUNT:backup-vault:NAME`), in
 * a few words naming the first field that is wrong; `undefined` when it is one. A Promise or an Output
 * interpolated into the string (its text `[object Promise]`, or the Output's toString warning) is named
 * as such, since that is how such an ARN is usually built by mistake.
 */
export function backupVaultArnProblem(value: string): string | undefined {
  const text = value.trim();
  const cause = STRINGIFIED_VALUE.test(text) ? ": a Promise or an Output was interpolated into the string (build it with pulumi.interpolate or apply)" : "";
  const parts = text.split(":");
  if (parts[0] !== "arn" || parts.length < 6) return `it does not have the form arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME${cause}`;
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(":");
  if (!PARTITION.test(partition)) return `its partition "${partition}" is not an AWS partition${cause}`;
  if (service !== "backup") return `its service is "${service}", not backup${cause}`;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return `its region "${region}" is not an AWS region${cause}`;
  if (!/^\d{12}$/.test(account)) return `its account "${account}" is not a 12-digit account ID${cause}`;
  if (!/^backup-vault:.+$/.test(resource)) return `its resource "${resource}" is not backup-vault:NAME${cause}`;
  return undefined;
}
