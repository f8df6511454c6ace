// Issue 10 (precision) over the real Analyzer protocol: real @pulumi/aws programs previewed through the pack
// started by run-policy-pack, as the Pulumi CLI does, with the placement policies enabled.
import { BACKUP_ACCOUNT, PROD_ACCOUNT } from "../programs/backup-designs";
import {
  CENTRAL_VAULT_ARN,
  EXPORTS_REPLICATION_URN,
  ORDERS_DB_URN,
  TWO_RULE_PLAN_URN,
  FRA_PLAN_URN,
  WEB_INSTANCE_URN,
  ambientSourceDesign,
  destructiveSettingsDesign,
  inlineVolumesDesign,
  replicaKeyReplicationDesign,
  twoRuleDesign,
} from "../programs/precision-designs";
import { RULES } from "../../policies/rules";
import { PLACEMENT_POLICIES_ONLY, summary, usePackUnderTest } from "../support/protocol-preview";

const CENTRAL = { arn: CENTRAL_VAULT_ARN, lockMode: "compliance", minRetentionDays: 7, maxRetentionDays: 400, airGapped: false, deniesDeletion: true, declaredIn: "org/backup/prod" };

describe("precision of the placement policies on real programs, over the Analyzer protocol", () => {
  const packUnderTest = usePackUnderTest({}, PLACEMENT_POLICIES_ONLY);

  it("passes a daily and a monthly rule that both copy to one vault in another region and account (its ARN unknown in preview)", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "backup-account" }));
    expect(summary(result)).toEqual([]);
    expect(result.blocked).toBe(false);
  });

  it("blocks both rules when that one vault is in the primary's region", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "backup-account", drRegion: "eu-west-3" }));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${TWO_RULE_PLAN_URN}`, `analyzeStack mandatory backup-cross-region-copy ${TWO_RULE_PLAN_URN}`]);
  });

  it("blocks copies through a provider that only sets a region: same credentials, same account as the default provider", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "region-only" }));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${TWO_RULE_PLAN_URN}`, `analyzeStack mandatory backup-offline-copy ${TWO_RULE_PLAN_URN}`]);
    expect(result.diagnostics[0].message).toBe(
      `rule "daily" of backup plan "two-rules" has no offline copy: all in account ${PROD_ACCOUNT}. Copies: copy action → vault "dr" in account ${PROD_ACCOUNT} (same credentials as default provider default_7_48_0 allowedAccountIds), which is also the account of source vault "primary" (default provider default_7_48_0 allowedAccountIds). ` +
        "Whoever holds the production credentials (or ransomware running with them) can delete every copy. Copy at least once into a logically air-gapped vault (aws.backup.LogicallyAirGappedVault) or into a vault in a separate backup account (a provider that assumes a role there).",
    );
  });

  it("fails closed on a central vault outside the stack that no config declares", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }));
    expect(summary(result)).toEqual([
      `analyzeStack mandatory backup-immutable ${TWO_RULE_PLAN_URN}`,
      `analyzeStack mandatory backup-immutable ${TWO_RULE_PLAN_URN}`,
    ]);
  });

  it("passes the central vault once backup-external-vaults declares it (Configure with the config)", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }), { policyConfig: { "backup-external-vaults": { vaults: [CENTRAL] } } });
    expect(summary(result)).toEqual([]);
    expect(result.blocked).toBe(false);
  });

  it("blocks a declared governance-mode central vault, and fails closed when the declaration is invalid", async () => {
    const governance = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }), {
      policyConfig: { "backup-external-vaults": { vaults: [{ ...CENTRAL, lockMode: "governance" }] } },
    });
    expect(summary(governance)).toEqual([`analyzeStack mandatory backup-immutable ${TWO_RULE_PLAN_URN}`]);
    expect(governance.diagnostics[0].message).toContain(`anyone allowed backup:DeleteBackupVaultLockConfiguration in account ${BACKUP_ACCOUNT} can remove the lock`);
    const invalid = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }), {
      policyConfig: { "backup-external-vaults": { vaults: [{ ...CENTRAL, minRetentionDays: 500 }] } },
    });
    expect(invalid.blocked).toBe(true);
    expect(invalid.diagnostics.filter((d) => d.policyName === "backup-external-vaults").map((d) => d.enforcementLevel)).toContain("mandatory");
    expect(invalid.diagnostics.filter((d) => d.policyName === "backup-immutable").map((d) => d.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
  });
});

/** Only the policies under test, the others disabled (their own suites judge these programs). */
function only(...ids: string[]): Record<string, "disabled" | "mandatory"> {
  return Object.fromEntries(RULES.map((rule) => [rule.meta.id, ids.includes(rule.meta.id) ? "mandatory" : "disabled"]));
}

describe("precision of the destructive settings and key separation on real programs, over the Analyzer protocol (issue 10 items 3 and 5)", () => {
  const packUnderTest = usePackUnderTest({}, only("backup-retention-minimum", "backup-key-separation"));

  it("blocks deleteAutomatedBackups (omitted: true) and skipFinalSnapshot on a database whose automated backups are the last copy", async () => {
    const result = await packUnderTest.run(destructiveSettingsDesign("none"));
    // Alone in Analyze the database cannot show that nothing else keeps a copy: decided with the whole stack.
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-retention-minimum ${ORDERS_DB_URN}`, `analyzeStack mandatory backup-retention-minimum ${ORDERS_DB_URN}`]);
    expect(result.diagnostics[0].message).toBe(
      'Instance "orders-db" takes its last backups with it when deleted or replaced (deleteAutomatedBackups). It is a protected data store (resourceTypes). ' +
        "Since deleteAutomatedBackups is not set, and the provider's default is true, deleting or replacing the instance also deletes its automated backups at once, so its point-in-time history goes with it. " +
        "No AWS Backup recovery point, snapshot copy or other lasting copy outlives it. Set deleteAutomatedBackups: false so that the automated backups are kept until their retention period ends.",
    );
  });

  it("reports both as advisory when AWS Backup recovery points of the database outlive it, saying which and what is still lost", async () => {
    const result = await packUnderTest.run(destructiveSettingsDesign("aws-backup"));
    expect(summary(result)).toEqual([`analyzeStack advisory backup-retention-minimum ${ORDERS_DB_URN}`, `analyzeStack advisory backup-retention-minimum ${ORDERS_DB_URN}`]);
    expect(result.blocked).toBe(false);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Instance "orders-db" deletes backups with it when deleted or replaced (deleteAutomatedBackups), but another copy outlives it. ' +
        "Since deleteAutomatedBackups is not set, and the provider's default is true, deleting or replacing the instance also deletes its automated backups at once, so its point-in-time history goes with it. " +
        'What survives: the recovery points of AWS Backup selection "orders-selection", kept in their vault whatever becomes of the store (backup plan "orders-plan"). ' +
        "What is still lost: its automated backups, and with them restores to any point in time of their retention period. " +
        "Set deleteAutomatedBackups: false so that the automated backups are kept until their retention period ends.",
      'Instance "orders-db" deletes backups with it when deleted or replaced (skipFinalSnapshot), but another copy outlives it. ' +
        "Since skipFinalSnapshot is true, deleting or replacing the instance takes no final snapshot, so nothing of the database outlives it but what other backups hold. " +
        'What survives: the recovery points of AWS Backup selection "orders-selection", kept in their vault whatever becomes of the store (backup plan "orders-plan"). ' +
        "What is still lost: the final snapshot, i.e. the data written since the last backup that outlives it. " +
        "Set skipFinalSnapshot: false and a finalSnapshotIdentifier so that a last snapshot is kept when the database is deleted.",
    ]);
  });

  it("keeps them mandatory when the plan makes only continuous backups, which are the database's own automated backups", async () => {
    const result = await packUnderTest.run(destructiveSettingsDesign("continuous-only"));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-retention-minimum ${ORDERS_DB_URN}`, `analyzeStack mandatory backup-retention-minimum ${ORDERS_DB_URN}`]);
  });

  it("counts a manual snapshot copied to another region as a copy that outlives the database", async () => {
    const result = await packUnderTest.run(destructiveSettingsDesign("snapshot-copy"));
    expect(summary(result)).toEqual([`analyzeStack advisory backup-retention-minimum ${ORDERS_DB_URN}`, `analyzeStack advisory backup-retention-minimum ${ORDERS_DB_URN}`]);
    expect(result.diagnostics[0].message).toContain(
      'What survives: snapshot copy "orders-snapshot-dr" of Snapshot "orders-snapshot", a manual snapshot that deleting the database leaves alone.',
    );
  });

  it("reports S3 replicas encrypted with a replica of the source's multi-Region key as advisory, naming the production account that owns it", async () => {
    const result = await packUnderTest.run(replicaKeyReplicationDesign("production"));
    expect(summary(result)).toEqual([`analyzeStack advisory backup-key-separation ${EXPORTS_REPLICATION_URN}`]);
    expect(result.blocked).toBe(false);
    expect(result.diagnostics[0].message).toBe(
      `replication rule "everything" encrypts its copies with a key that account ${PROD_ACCOUNT} owns. ` +
        'Route: replication rule "everything" of replication configuration "exports-replication" of bucket "exports". ' +
        'Keys: replica → bucket "exports-replica" is encrypted with KMS ReplicaKey "exports-key-replica" (a multi-Region replica of KMS Key "exports-key"), a multi-Region relative of the key of BucketV2 "exports", ' +
        `both owned by account ${PROD_ACCOUNT} (same credentials as default provider default_7_48_0 allowedAccountIds). ` +
        "A multi-Region replica has its own key policy, key state and deletion schedule, so disabling or deleting the production key does not reach it; " +
        `but the administrators of account ${PROD_ACCOUNT} (or ransomware using their credentials) can still disable it, schedule its deletion or change its key policy, and the copies become unreadable. ` +
        "Encrypt the copy with a KMS key of its own, created in the copy's account and region: replicaKmsKeyId (S3 replication), kmsKeyId (RDS automated-backup replication and snapshot copies, EBS snapshot copies, EFS replication destination), cmkArn (DLM cross-region copy rules). " +
        "A DLM share hands over the source snapshots themselves: have the target account copy them with its own key (an event-based DLM policy with encryptionConfiguration.cmkArn).",
    );
  });

  it("blocks the same replica key on replicas kept in the backup account: the production account can still make them unreadable", async () => {
    const result = await packUnderTest.run(replicaKeyReplicationDesign("backup"));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-key-separation ${EXPORTS_REPLICATION_URN}`]);
    expect(result.diagnostics[0].message).toContain(
      `is encrypted with KMS ReplicaKey "exports-key-replica" (a multi-Region replica of KMS Key "exports-key") (a multi-Region relative of the key of BucketV2 "exports"), owned by account ${PROD_ACCOUNT}`,
    );
  });
});

describe("EBS volumes declared inline in an EC2 instance, on real programs over the Analyzer protocol (issue 10 item 10)", () => {
  const packUnderTest = usePackUnderTest({}, only("backup-coverage", "backup-retention-minimum", "backup-zone-separation"));

  it("blocks a web server whose inline volumes nothing backs up and whose deleteOnTermination (omitted: true) deletes them", async () => {
    const result = await packUnderTest.run(inlineVolumesDesign("none"));
    expect(summary(result)).toEqual([
      `analyzeStack mandatory backup-coverage ${WEB_INSTANCE_URN}`,
      `analyzeStack mandatory backup-retention-minimum ${WEB_INSTANCE_URN}`,
      `analyzeStack mandatory backup-retention-minimum ${WEB_INSTANCE_URN}`,
      `analyzeStack mandatory backup-zone-separation ${WEB_INSTANCE_URN}`,
    ]);
    expect(result.diagnostics.find((d) => d.policyName === "backup-retention-minimum")?.message).toBe(
      'EBS storage of Instance "web" takes its last backups with it when deleted or replaced (ebsBlockDevices[0].deleteOnTermination). It is a protected data store (resourceTypes). ' +
        'Since ebsBlockDevices[0].deleteOnTermination is not set, and the default is true, terminating or replacing Instance "web" deletes the volume ebsBlockDevices[0] with it, and with it whatever was written since its last snapshot. ' +
        "No AWS Backup recovery point, snapshot copy or other lasting copy outlives it. Set ebsBlockDevices[0].deleteOnTermination: false so that the volume outlives the instance, or keep snapshots of it that outlive it (an AWS Backup selection of the instance, a DLM policy).",
    );
  });

  it.each([
    ["an AWS Backup selection by the instance's tag", "aws-backup-by-tag" as const, 'the recovery points of AWS Backup selection "web-selection", kept in their vault whatever becomes of the store'],
    ["a DLM policy targeting VOLUME by volumeTags", "dlm-volume-tags" as const, 'the EBS snapshots of schedule "daily" of lifecycle policy "web-snapshots", which deleting the volume leaves alone'],
  ])("passes it when %s keeps copies that outlive the volumes (deleteOnTermination advisory)", async (_, copy, survivor) => {
    const result = await packUnderTest.run(inlineVolumesDesign(copy));
    expect(summary(result)).toEqual([`analyzeStack advisory backup-retention-minimum ${WEB_INSTANCE_URN}`, `analyzeStack advisory backup-retention-minimum ${WEB_INSTANCE_URN}`]);
    expect(result.blocked).toBe(false);
    expect(result.diagnostics[0].message).toContain(`What survives: ${survivor}`);
  });

  it("still blocks coverage when only deleteOnTermination: false keeps the volumes", async () => {
    const result = await packUnderTest.run(inlineVolumesDesign("volumes-kept"));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${WEB_INSTANCE_URN}`, `analyzeStack mandatory backup-zone-separation ${WEB_INSTANCE_URN}`]);
  });
});

describe("one text per finding across Analyze and AnalyzeStack (issue 10 item 11)", () => {
  const packUnderTest = usePackUnderTest({}, only("backup-copy-residency"));

  // Analyze sees the plan alone and names only the copy; AnalyzeStack also knows the source vault (its
  // account learnt from the selection's iamRoleArn) and calls the literal-ARN vault "(outside this stack)".
  // The engine has shown Analyze's text by then: the stack keeps it, so the finding reads as one.
  it("reports a residency finding proven in Analyze with the same text in AnalyzeStack", async () => {
    const result = await packUnderTest.run(ambientSourceDesign(), { policyConfig: { "backup-copy-residency": { allowedAccounts: [BACKUP_ACCOUNT] } } });
    expect(summary(result)).toEqual([`analyze mandatory backup-copy-residency ${FRA_PLAN_URN}`, `analyzeStack mandatory backup-copy-residency ${FRA_PLAN_URN}`]);
    const [analyze, analyzeStack] = result.diagnostics.map((d) => d.message);
    expect(analyzeStack).toBe(analyze);
    expect(analyze).toContain(`: copy action → vault "near" in account ${PROD_ACCOUNT} (destination ARN`);
  });

});
