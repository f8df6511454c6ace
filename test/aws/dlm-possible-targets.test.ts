// A DLM policy targets volumes and instances by tag. A resource whose tags are unknown in preview (or any
// resource, when the policy's own target tags or resource types are) may be one of its targets: its
// coverage is then undecided (fail closed under onUnresolved), never "nothing backs it up".
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { JsonObject } from "../../policies/core/json";
import { outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const STACK_CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) };

function design(targetTags: JsonObject | string, resourceTypes: JsonObject[] | string[] | string = ["VOLUME"]) {
  const b = new PlannedStackBuilder(STACK_CONFIG);
  const naming = b.add(AWS_TYPES.backupVault, "naming", { name: "naming", arn: UNKNOWN });
  const volume = (name: string, tags: JsonObject | string | undefined) =>
    b.add(AWS_TYPES.ebsVolume, name, { availabilityZone: "eu-west-3a", size: 10, ...(tags === undefined ? {} : { tags }) }, { propertyDependencies: { tags: [naming] } });
  volume("tagged", { snap: "yes" });
  volume("value-unknown", { snap: UNKNOWN });
  volume("map-unknown", UNKNOWN);
  volume("other", { snap: "no" });
  volume("untagged", undefined);
  b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
    state: "ENABLED",
    executionRoleArn: "arn:aws:iam::111111111111:role/dlm",
    description: "snapshots",
    policyDetails: {
      resourceTypes,
      targetTags,
      schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 14 }, crossRegionCopyRules: [{ target: "eu-central-1", retainRule: { interval: 30, intervalUnit: "DAYS" } }] }],
    },
  } as JsonObject);
  return b.stack();
}

function backupsByStore(stack: ReturnType<typeof design>): Record<string, string[]> {
  const model = buildAwsProtectionModel(stack);
  return Object.fromEntries(model.dataStores.map((store) => [store.label, store.backups.map((b) => `${b.state} ${b.label}: ${b.why}`)]));
}

describe("volumes a DLM policy may target (tags unknown in preview)", () => {
  it("counts the tagged volume as copied, the volumes whose tags are unknown as maybe copied, the others as not", () => {
    expect(backupsByStore(design({ snap: "yes" }))).toEqual({
      'Volume "tagged"': ['yes schedule "daily" of lifecycle policy "dlm": copies its data'],
      'Volume "value-unknown"': ['unknown schedule "daily" of lifecycle policy "dlm": may target it: its tags are unknown during preview'],
      'Volume "map-unknown"': ['unknown schedule "daily" of lifecycle policy "dlm": may target it: its tags are unknown during preview'],
      'Volume "other"': [],
      'Volume "untagged"': [],
    });
    expect(outcomesOf("backup-coverage", design({ snap: "yes" }))).toEqual([
      `unresolved coverage-undecided map-unknown`,
      `violation not-backed-up other`,
      `violation not-backed-up untagged`,
      `unresolved coverage-undecided value-unknown`,
    ]);
  });

  it("counts every volume of the region as maybe copied when the policy's target tags or resource types are unknown", () => {
    const maybe = (why: string) => [`unknown schedule "daily" of lifecycle policy "dlm": may target it: ${why}`];
    expect(backupsByStore(design(UNKNOWN))["Volume \"other\""]).toEqual(maybe("its targetTags are unknown during preview"));
    expect(backupsByStore(design({ snap: UNKNOWN }))["Volume \"untagged\""]).toEqual(maybe("a value of its targetTags is unknown during preview"));
    expect(backupsByStore(design({ snap: "yes" }, UNKNOWN))["Volume \"other\""]).toEqual(maybe("its resourceTypes are unknown during preview"));
    expect(backupsByStore(design({ snap: "yes" }, UNKNOWN))["Volume \"tagged\""]).toEqual(['yes schedule "daily" of lifecycle policy "dlm": copies its data']);
  });

  it("never counts a volume of another region as maybe copied", () => {
    const b = new PlannedStackBuilder(STACK_CONFIG);
    b.add(AWS_TYPES.ebsVolume, "us", { availabilityZone: "us-east-1a", size: 10, tags: UNKNOWN }, { provider: b.provider("us", { region: "us-east-1" } as never) });
    b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", { state: "ENABLED", executionRoleArn: "arn:aws:iam::111111111111:role/dlm", description: "d", policyDetails: { resourceTypes: ["VOLUME"], targetTags: { snap: "yes" }, schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 14 } }] } });
    expect(backupsByStore(b.stack())).toEqual({ 'Volume "us"': [] });
  });
});
