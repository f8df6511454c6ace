import { engineStylePolicyConfig } from "../../harness/analyzer-client";
import type { PolicyConfigFile } from "../../harness/policy-pack-config";
import { BACKUP_ACCOUNT, DR_LOCK_URN, DR_VAULT_URN, PLAN_URN, PROJECT, STACK, backupDesign } from "../programs/backup-designs";
import { summary, usePackUnderTest, PLACEMENT_POLICIES_ONLY } from "../support/protocol-preview";

describe("backup-guard over the Analyzer protocol, started by run-policy-pack like the Pulumi CLI", () => {
  const packUnderTest = usePackUnderTest({}, PLACEMENT_POLICIES_ONLY);
  const preview = (program: () => void, extra: { policyConfig?: PolicyConfigFile; collapseNestedUnknowns?: boolean } = {}) => packUnderTest.run(program, extra);

  it("describes its policies (backup-exemptions first) with their config schema defaults", async () => {
    const info = await packUnderTest.pack().client.getAnalyzerInfo();
    expect(info.name).toBe("backup-guard");
    expect(info.policies.map((p) => [p.name, p.enforcementLevel, p.severity])).toEqual([
      ["backup-exemptions", "advisory", "low"],
      ["backup-external-vaults", "advisory", "low"],
      ["backup-copy-residency", "mandatory", "high"],
      ["backup-coverage", "mandatory", "critical"],
      ["backup-cross-region-copy", "mandatory", "critical"],
      ["backup-deletion-protection", "mandatory", "critical"],
      ["backup-immutable", "mandatory", "critical"],
      ["backup-key-separation", "advisory", "medium"],
      ["backup-offline-copy", "mandatory", "critical"],
      ["backup-restore-testing", "advisory", "medium"],
      ["backup-retention-minimum", "mandatory", "high"],
      ["backup-zone-separation", "mandatory", "high"],
    ]);
    const scope = {
      resourceTypes: [
        "aws:rds/instance:Instance",
        "aws:rds/cluster:Cluster",
        "aws:dynamodb/table:Table",
        "aws:efs/fileSystem:FileSystem",
        "aws:fsx/windowsFileSystem:WindowsFileSystem",
        "aws:fsx/lustreFileSystem:LustreFileSystem",
        "aws:fsx/ontapFileSystem:OntapFileSystem",
        "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
        "aws:ebs/volume:Volume",
      ],
      taggedResourceTypes: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
      includeTags: ["backup-guard:protected"],
      excludeTags: [],
    };
    const config = engineStylePolicyConfig(info);
    expect(config).toEqual({
      "backup-exemptions": { enforcementLevel: "advisory", properties: { onUnresolved: "mandatory", exemptions: [], maxDays: 366 } },
      "backup-external-vaults": { enforcementLevel: "advisory", properties: { onUnresolved: "mandatory", vaults: [] } },
      "backup-copy-residency": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", allowedRegions: [], allowedAccounts: [] } },
      "backup-coverage": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", ...scope, acceptServiceBackups: false } },
      "backup-cross-region-copy": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", requiredSeparation: "region" } },
      "backup-deletion-protection": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", ...scope, protectSourceVaults: false } },
      "backup-immutable": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", minRetentionDays: 7 } },
      "backup-key-separation": { enforcementLevel: "advisory", properties: { onUnresolved: "mandatory", requireKeyInCopyAccount: true } },
      "backup-offline-copy": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", trustedAccounts: [] } },
      "backup-restore-testing": { enforcementLevel: "advisory", properties: { onUnresolved: "mandatory", ...scope, requireForCopyVaults: true } },
      "backup-retention-minimum": {
        enforcementLevel: "mandatory",
        properties: { onUnresolved: "mandatory", minimumDays: 30, minimumPointInTimeDays: 7, flagDestructiveSettings: true, ...scope },
      },
      "backup-zone-separation": {
        enforcementLevel: "mandatory",
        properties: { onUnresolved: "mandatory", requiredSeparation: "zone", allowSingleZoneCopyStorage: false },
      },
    });
  });

  it("passes a copy into a compliance-locked vault in another account and region", async () => {
    const result = await preview(backupDesign());
    expect(summary(result)).toEqual([]);
    expect(result.blocked).toBe(false);
  });

  it("passes a copy into a logically air-gapped vault in another region (same account)", async () => {
    expect(summary(await preview(backupDesign({ destination: { region: "us-west-2" }, airGapped: true })))).toEqual([]);
  });

  it("blocks a same-region copy whose destination ARN is unknown in preview", async () => {
    const result = await preview(backupDesign({ destination: { region: "eu-west-3", account: BACKUP_ACCOUNT } }));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${PLAN_URN}`]);
    expect(result.diagnostics[0].message).toBe(
      'rule "daily" of backup plan "plan" copies its recovery points only within the same region (eu-west-3). Copies: copy action → vault "dr" in eu-west-3 (provider dr region), the region of source vault "primary". ' +
        'A regional disaster would destroy the backups and their copies together. Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. new aws.Provider("dr", { region: "eu-central-1" })).',
    );
    expect(result.blocked).toBe(true);
  });

  it("blocks a same-region copy given as a literal ARN, already in Analyze", async () => {
    const result = await preview(backupDesign({ literalArn: `arn:aws:backup:eu-west-3:${BACKUP_ACCOUNT}:backup-vault:near` }));
    expect(summary(result)).toEqual([
      `analyze mandatory backup-cross-region-copy ${PLAN_URN}`,
      `analyzeStack mandatory backup-cross-region-copy ${PLAN_URN}`,
      // a vault outside the stack cannot be shown to be locked: unresolved, mandatory by default
      `analyzeStack mandatory backup-immutable ${PLAN_URN}`,
    ]);
  });

  it("blocks a governance-mode lock, already in Analyze", async () => {
    const result = await preview(backupDesign({ destinationLock: "governance" }));
    expect(summary(result)).toEqual([`analyze mandatory backup-immutable ${DR_LOCK_URN}`, `analyzeStack mandatory backup-immutable ${DR_LOCK_URN}`]);
  });

  it("blocks a destination vault without lock", async () => {
    expect(summary(await preview(backupDesign({ destinationLock: "none" })))).toEqual([`analyzeStack mandatory backup-immutable ${DR_VAULT_URN}`]);
  });

  it("blocks a copy only within the same account", async () => {
    const result = await preview(backupDesign({ destination: { region: "us-west-2" } }));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${PLAN_URN}`]);
  });

  it("still decides when preview outputs lose the plan's rules (inputs seen in Analyze)", async () => {
    const result = await preview(backupDesign({ destination: "default" }), { collapseNestedUnknowns: true });
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${PLAN_URN}`, `analyzeStack mandatory backup-offline-copy ${PLAN_URN}`]);
  });

  it("fails closed on what cannot be known, and reports it as advisory when onUnresolved says so", async () => {
    const program = backupDesign({ destination: { account: BACKUP_ACCOUNT } }); // provider without region
    expect(summary(await preview(program))).toEqual([`analyzeStack mandatory backup-cross-region-copy ${PLAN_URN}`]);
    const relaxed = await preview(program, { policyConfig: { "backup-cross-region-copy": { onUnresolved: "advisory" } } });
    expect(summary(relaxed)).toEqual([`analyzeStack advisory backup-cross-region-copy ${PLAN_URN}`]);
    expect(relaxed.diagnostics[0].message).toMatch(/provider dr sets no region: it would use AWS_REGION of the deploying environment.*\[unresolved before deployment; reported as advisory \(onUnresolved: advisory\)\]$/);
  });

  it("follows the configured levels (advisory for everything with `all`)", async () => {
    const result = await preview(backupDesign({ destination: "default" }), { policyConfig: { all: "advisory" } });
    expect(summary(result)).toEqual([`analyzeStack advisory backup-cross-region-copy ${PLAN_URN}`, `analyzeStack advisory backup-offline-copy ${PLAN_URN}`]);
  });

  it("in an update without preview, stops a governance-mode lock in Analyze before its step runs", async () => {
    const result = await packUnderTest.run(backupDesign({ destinationLock: "governance" }), { preview: false });
    expect(summary(result)).toEqual([`analyze mandatory backup-immutable ${DR_LOCK_URN}`]);
    expect(result.analyzeStackRan).toBe(false);
  });

  it("in an update, where ARNs are known, passes the cross-account, cross-region design and blocks a same-account copy", async () => {
    const update = (program: () => void) => packUnderTest.run(program, { preview: false });
    expect(summary(await update(backupDesign()))).toEqual([]);
    expect(summary(await update(backupDesign({ destination: { region: "us-west-2" } })))).toEqual([`analyzeStack mandatory backup-offline-copy ${PLAN_URN}`]);
  });

  it("refuses a config with an unknown key, naming it", async () => {
    const result = await preview(backupDesign(), { policyConfig: { "backup-immutable": { minRetentionDay: 7 } } });
    const refusal =
      'Invalid configuration for policy backup-immutable: the policy did not run and fails closed. backup-immutable: unknown config key "minRetentionDay". Fix the --policy-pack-config file or the policy group\'s config.';
    // Once in Analyze (on the first backup resource, not on every one), once in AnalyzeStack.
    expect(result.diagnostics.map((d) => [d.phase, d.enforcementLevel, d.policyName, d.resourceName, d.message])).toEqual([
      ["analyze", "mandatory", "backup-immutable", "primary", refusal],
      ["analyzeStack", "mandatory", "backup-immutable", `${PROJECT}-${STACK}`, refusal],
    ]);
  });
  it("refuses a config naming a policy that is not one of the pack's, from the policy it resembles (fails closed)", async () => {
    const result = await preview(backupDesign(), { policyConfig: { "backup-imutable": { minRetentionDays: 14 } } });
    expect(result.diagnostics.map((d) => [d.phase, d.enforcementLevel, d.policyName, d.resourceName, d.message])).toEqual([
      [
        "analyzeStack",
        "mandatory",
        "backup-immutable",
        `${PROJECT}-${STACK}`,
        "Invalid policy pack configuration: a policy name is not one of backup-guard's, so the pack fails closed. backup-imutable: not a backup-guard policy (did you mean backup-immutable?); the Pulumi CLI accepts it silently and it configures nothing. Fix the --policy-pack-config file or the policy group's config.",
      ],
    ]);
    expect(result.blocked).toBe(true);
  });

  it("still refuses unknown policy names when the policy a name resembles is disabled, from the closest enabled policy (fails closed)", async () => {
    const result = await preview(backupDesign(), { policyConfig: { "backup-immutable": "disabled", "backup-imutable": "mandatory", "zzz-unrelated": "advisory" } });
    expect(result.diagnostics.map((d) => [d.phase, d.enforcementLevel, d.policyName])).toEqual([
      ["analyzeStack", "mandatory", "backup-exemptions"],
      ["analyzeStack", "mandatory", "backup-exemptions"],
    ]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "Invalid policy pack configuration: a policy name is not one of backup-guard's, so the pack fails closed. backup-imutable: not a backup-guard policy (did you mean backup-immutable?); the Pulumi CLI accepts it silently and it configures nothing. Fix the --policy-pack-config file or the policy group's config.",
      "Invalid policy pack configuration: a policy name is not one of backup-guard's, so the pack fails closed. zzz-unrelated: not a backup-guard policy; the Pulumi CLI accepts it silently and it configures nothing. Fix the --policy-pack-config file or the policy group's config.",
    ]);
  });
});
