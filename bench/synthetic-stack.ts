// A synthetic preview of a large AWS program, as the engine sends it to a policy pack: one Analyze
// request per resource (checked inputs, values computed from other resources unknown) and the
// AnalyzeStack list (planned outputs: inputs plus unknown computed attributes, provider, dependencies).
// Every backup-guard policy passes it: the bench checks that the pack reports nothing.
import { AWS_TYPES } from "../policies/aws/type-tokens";
import { JsonObject } from "../policies/core/json";
import { UNKNOWN_STRING } from "../policies/core/unknowns";
import type { EngineAnalyzeRequest, EngineProviderResource, EngineStackResource } from "../harness/engine-requests";

const PROJECT = "proj";
const STACK = "bench";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

/** The stack config the synthetic program is previewed with. */
export const BENCH_STACK_CONFIG: Readonly<Record<string, string>> = { "aws:region": "eu-west-3" };

/** One resource of the preview: what Analyze receives and what AnalyzeStack receives. */
export interface SyntheticResource {
  readonly analyze: EngineAnalyzeRequest;
  readonly stack: EngineStackResource;
}

function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

function providerResource(name: string, properties: JsonObject): EngineProviderResource {
  return { urn: urnOf("pulumi:providers:aws", name), type: "pulumi:providers:aws", name, properties: { ...properties, version: "7.48.0" } };
}

const DEFAULT_PROVIDER = providerResource("default_7_48_0", { region: "eu-west-3", allowedAccountIds: JSON.stringify(["111111111111"]), skipCredentialsValidation: "false" });
/** Another region, same account (DLM copies are locked by a Recycle Bin rule there). */
const WEST = providerResource("west", { region: "us-west-2", allowedAccountIds: JSON.stringify(["111111111111"]) });
/** The backup account, in another region. */
const DR = providerResource("dr", { region: "us-west-2", assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::222222222222:role/backup", sessionName: "backup" }]) });
/** The backup account, in the primary region (where the snapshots shared with it are seen and copied). */
const BACKUP_HOME = providerResource("backup-home", { region: "eu-west-3", assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::222222222222:role/backup", sessionName: "backup" }]) });

const DENY_DELETION = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }],
});

const ASSUME_LAMBDA = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

/** Builds the resources of a preview in registration order. */
class PreviewBuilder {
  readonly resources: SyntheticResource[] = [];

  constructor() {
    this.raw("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`, {}, {}, undefined, "");
    for (const provider of [DEFAULT_PROVIDER, WEST, DR, BACKUP_HOME]) this.raw(provider.type, provider.name, provider.properties, {}, undefined, STACK_URN);
  }

  private raw(type: string, name: string, inputs: JsonObject, outputs: JsonObject, provider: EngineProviderResource | undefined, parent: string, deps: Record<string, string[]> = {}): string {
    const urn = urnOf(type, name);
    const options = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], parent };
    const analyze: EngineAnalyzeRequest = { urn, type, name, properties: inputs, options, ...(provider ? { provider } : {}) };
    const dependencies = [...new Set(Object.values(deps).flat())];
    const stack: EngineStackResource = { ...analyze, properties: { ...inputs, ...outputs }, parent, dependencies, propertyDependencies: deps };
    this.resources.push({ analyze, stack });
    return urn;
  }

  /**
   * Adds a resource created in this preview: `computed` output attributes are unknown in the planned
   * outputs; `deps` name the resources each input was computed from (those inputs are unknown).
   */
  add(type: string, name: string, inputs: JsonObject, provider: EngineProviderResource = DEFAULT_PROVIDER, deps: Record<string, string[]> = {}, computed: readonly string[] = ["arn"]): string {
    const outputs: JsonObject = { id: UNKNOWN_STRING };
    for (const key of computed) outputs[key] = UNKNOWN_STRING;
    if (provider === DEFAULT_PROVIDER || provider === WEST) outputs["region"] = provider.properties["region"] ?? UNKNOWN_STRING;
    return this.raw(type, name, inputs, outputs, provider, STACK_URN, deps);
  }

  /**
   * An AWS Backup design (source vault, a copy vault in the backup account and another region, both
   * locked in compliance mode and denying deletion, a plan with a copy action, a selection of a One
   * Zone file system) and native designs (S3 replication into a locked replica in the backup account,
   * EFS replication to another region, an EBS volume copied by DLM to another region and shared with
   * the backup account): 20 resources.
   */
  backupDesign(i: number): void {
    const source = this.add(AWS_TYPES.backupVault, `primary-${i}`, { name: `primary-${i}`, forceDestroy: false });
    const target = this.add(AWS_TYPES.backupVault, `dr-${i}`, { name: `dr-${i}`, forceDestroy: false }, DR);
    for (const [vault, provider] of [[source, DEFAULT_PROVIDER], [target, DR]] as const) {
      const name = vault.slice(vault.lastIndexOf("::") + 2);
      this.add(AWS_TYPES.backupVaultLockConfiguration, `${name}-lock`, { backupVaultName: name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, provider, {}, []);
      this.add(AWS_TYPES.backupVaultPolicy, `${name}-policy`, { backupVaultName: UNKNOWN_STRING, policy: DENY_DELETION }, provider, { backupVaultName: [vault] }, ["backupVaultArn"]);
    }
    const plan = this.add(
      AWS_TYPES.backupPlan,
      `plan-${i}`,
      {
        name: `plan-${i}`,
        rules: [{ ruleName: "daily", schedule: "cron(0 5 * * ? *)", targetVaultName: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 } }] }],
      },
      DEFAULT_PROVIDER,
      { rules: [source, target] },
      ["arn", "version"],
    );
    const fs = this.add(AWS_TYPES.efsFileSystem, `fs-${i}`, { availabilityZoneName: "eu-west-3a", encrypted: true, tags: { backup: `plan-${i}` } }, DEFAULT_PROVIDER, {}, ["arn", "dnsName", "sizeInBytes"]);
    this.add(
      AWS_TYPES.backupSelection,
      `sel-${i}`,
      { name: `sel-${i}`, planId: UNKNOWN_STRING, iamRoleArn: "arn:aws:iam::111111111111:role/backup", resources: [UNKNOWN_STRING], selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: `plan-${i}` }] },
      DEFAULT_PROVIDER,
      { planId: [plan], resources: [fs] },
      [],
    );
    const src = this.add(AWS_TYPES.s3Bucket, `src-${i}`, { bucket: `src-${i}`, tags: { team: "data" } }, DEFAULT_PROVIDER, {}, ["arn", "bucketDomainName"]);
    const replica = this.add(AWS_TYPES.s3Bucket, `replica-${i}`, { bucket: `replica-${i}`, objectLockEnabled: true }, DR, {}, ["arn", "bucketDomainName"]);
    this.add(AWS_TYPES.s3ObjectLock, `replica-${i}-lock`, { bucket: UNKNOWN_STRING, rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }, DR, { bucket: [replica] }, []);
    this.add(
      AWS_TYPES.s3ReplicationConfig,
      `repl-${i}`,
      { bucket: UNKNOWN_STRING, role: "arn:aws:iam::111111111111:role/replication", rules: [{ id: "all", status: "Enabled", destination: { bucket: UNKNOWN_STRING, account: "222222222222" } }] },
      DEFAULT_PROVIDER,
      { bucket: [src], rules: [replica] },
      [],
    );
    this.add(AWS_TYPES.efsReplication, `efs-repl-${i}`, { sourceFileSystemId: UNKNOWN_STRING, destination: { region: "us-west-2" } }, DEFAULT_PROVIDER, { sourceFileSystemId: [fs] }, []);
    this.add(AWS_TYPES.ebsVolume, `vol-${i}`, { availabilityZone: "eu-west-3a", size: 10, type: "gp3", tags: { dlm: `p-${i}` } }, DEFAULT_PROVIDER);
    this.add(
      AWS_TYPES.dlmLifecyclePolicy,
      `dlm-${i}`,
      {
        description: `volumes of p-${i}`,
        executionRoleArn: "arn:aws:iam::111111111111:role/dlm",
        policyDetails: { resourceTypes: ["VOLUME"], targetTags: { dlm: `p-${i}` }, schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 30 }, crossRegionCopyRules: [{ target: "us-west-2", encrypted: true }], shareRule: { targetAccounts: ["222222222222"] } }] },
      },
    );
    // DLM copies stay in the policy's account: the Recycle Bin rule that locks them is there, in the copy's region.
    this.add(AWS_TYPES.rbinRule, `rbin-${i}`, { resourceType: "EBS_SNAPSHOT", retentionPeriod: { retentionPeriodValue: 7, retentionPeriodUnit: "DAYS" }, lockConfiguration: { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: "DAYS" } } }, WEST);
  }

  /**
   * The backup account's event-based DLM policy that copies, to another region, the snapshots the
   * production account shares with it (so that the shared DLM snapshots have a copy that account owns),
   * and the Recycle Bin rule that locks those copies there.
   */
  sharedSnapshotCopier(): void {
    this.add(
      AWS_TYPES.dlmLifecyclePolicy,
      "copy-shared",
      {
        description: "copies of the snapshots shared by production",
        executionRoleArn: "arn:aws:iam::222222222222:role/dlm",
        policyDetails: {
          policyType: "EVENT_BASED_POLICY",
          eventSource: { type: "MANAGED_CWE", parameters: { eventType: "shareSnapshot", snapshotOwners: ["111111111111"] } },
          action: { name: "copy", crossRegionCopies: [{ target: "us-west-2", encryptionConfiguration: { encrypted: true }, retainRule: { interval: 30, intervalUnit: "DAYS" } }] },
        },
      },
      BACKUP_HOME,
    );
    this.add(AWS_TYPES.rbinRule, "rbin-backup-account", { resourceType: "EBS_SNAPSHOT", retentionPeriod: { retentionPeriodValue: 7, retentionPeriodUnit: "DAYS" }, lockConfiguration: { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: "DAYS" } } }, DR);
  }

  /** Restore tests of every vault in both regions (one plan per region tests every vault there). */
  restoreTests(): void {
    for (const [name, provider] of [["primary", DEFAULT_PROVIDER], ["dr", DR]] as const) {
      const plan = this.add(AWS_TYPES.restoreTestingPlan, `restore-${name}`, { name: `restore_${name}`, scheduleExpression: "cron(0 1 ? * SUN *)", recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"] } }, provider);
      this.add(AWS_TYPES.restoreTestingSelection, `restore-${name}-efs`, { name: `efs_${name}`, restoreTestingPlanName: UNKNOWN_STRING, protectedResourceType: "EFS", protectedResourceArns: ["*"], iamRoleArn: "arn:aws:iam::111111111111:role/restore" }, provider, { restoreTestingPlanName: [plan] }, []);
    }
  }

  /**
   * An application service that backup-guard does not judge, or judges and passes: a network, a
   * function with its role, log group and queue, and an untagged artefacts bucket: 10 resources.
   */
  service(i: number): void {
    const vpc = this.add("aws:ec2/vpc:Vpc", `vpc-${i}`, { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, tags: { Name: `vpc-${i}` } }, DEFAULT_PROVIDER, {}, ["arn", "defaultSecurityGroupId", "mainRouteTableId"]);
    this.add("aws:ec2/subnet:Subnet", `subnet-${i}`, { vpcId: UNKNOWN_STRING, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-3b", tags: { Name: `subnet-${i}` } }, DEFAULT_PROVIDER, { vpcId: [vpc] });
    const sg = this.add(
      "aws:ec2/securityGroup:SecurityGroup",
      `sg-${i}`,
      { vpcId: UNKNOWN_STRING, description: "service", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
      DEFAULT_PROVIDER,
      { vpcId: [vpc] },
      ["arn", "ownerId"],
    );
    const role = this.add("aws:iam/role:Role", `role-${i}`, { name: `svc-${i}`, assumeRolePolicy: ASSUME_LAMBDA, tags: { service: `svc-${i}` } }, DEFAULT_PROVIDER, {}, ["arn", "uniqueId", "createDate"]);
    this.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `role-${i}-logs`, { role: UNKNOWN_STRING, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }, DEFAULT_PROVIDER, { role: [role] }, []);
    const logs = this.add("aws:cloudwatch/logGroup:LogGroup", `logs-${i}`, { name: `/aws/lambda/svc-${i}`, retentionInDays: 30 });
    const queue = this.add("aws:sqs/queue:Queue", `queue-${i}`, { name: `svc-${i}`, visibilityTimeoutSeconds: 60, messageRetentionSeconds: 345600 }, DEFAULT_PROVIDER, {}, ["arn", "url"]);
    this.add(
      "aws:lambda/function:Function",
      `fn-${i}`,
      {
        name: `svc-${i}`,
        role: UNKNOWN_STRING,
        runtime: "nodejs20.x",
        handler: "index.handler",
        memorySize: 256,
        timeout: 30,
        environment: { variables: { QUEUE_URL: UNKNOWN_STRING, STAGE: "prod" } },
        vpcConfig: { subnetIds: [UNKNOWN_STRING], securityGroupIds: [UNKNOWN_STRING] },
        loggingConfig: { logGroup: UNKNOWN_STRING, logFormat: "JSON" },
        tags: { service: `svc-${i}` },
      },
      DEFAULT_PROVIDER,
      { role: [role], environment: [queue], vpcConfig: [sg], loggingConfig: [logs] },
      ["arn", "invokeArn", "qualifiedArn", "version", "lastModified"],
    );
    const bucket = this.add(AWS_TYPES.s3Bucket, `artefacts-${i}`, { bucket: `artefacts-${i}`, forceDestroy: true, tags: { service: `svc-${i}` } }, DEFAULT_PROVIDER, {}, ["arn", "bucketDomainName"]);
    this.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `artefacts-${i}-pab`, { bucket: UNKNOWN_STRING, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, DEFAULT_PROVIDER, { bucket: [bucket] }, []);
  }
}

/**
 * A preview of about `size` resources: one backup design per 100 resources (20 backup-related
 * resources), the rest application services; the root stack and the providers come first.
 */
export function syntheticPreview(size: number): SyntheticResource[] {
  const builder = new PreviewBuilder();
  const designs = Math.max(1, Math.floor(size / 100));
  builder.restoreTests();
  builder.sharedSnapshotCopier();
  for (let i = 0; i < designs; i++) builder.backupDesign(i);
  for (let i = 0; builder.resources.length + 10 <= size; i++) builder.service(i);
  return builder.resources;
}
