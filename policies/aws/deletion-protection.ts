import { Fact } from "../core/facts";
import { PlannedResource } from "../core/planned-stack";
import { readBooleanSetting } from "../core/settings";
import { AWS_TYPES } from "./type-tokens";

/** The setting that turns deletion protection on, per type; the provider's default is off for each. */
const SETTINGS: Readonly<Record<string, string>> = {
  [AWS_TYPES.rdsInstance]: "deletionProtection",
  [AWS_TYPES.rdsCluster]: "deletionProtection",
  [AWS_TYPES.docdbCluster]: "deletionProtection",
  [AWS_TYPES.neptuneCluster]: "deletionProtection",
  [AWS_TYPES.dynamodbTable]: "deletionProtectionEnabled",
};

/**
 * A data store's deletion protection: RDS instances and clusters (`deletionProtection`), DynamoDB
 * tables (`deletionProtectionEnabled`). Omitted means off (the provider's default, which planned outputs
 * show as unknown). `undefined` when the service offers none (EFS, FSx, EBS, S3).
 */
export function deletionProtectionOf(resource: PlannedResource): { readonly setting: string; readonly enabled: Fact<boolean> } | undefined {
  const setting = SETTINGS[resource.type];
  if (setting === undefined) return undefined;
  return { setting, enabled: readBooleanSetting(resource, [setting]) };
}
