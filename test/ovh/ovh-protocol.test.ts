// Real @ovhcloud/pulumi-ovh programs, run under mocks in preview and judged by the pack started with the
// real run-policy-pack launcher: the Strasbourg case, each OVHcloud mechanism blocked and passing, and
// stacks that mix AWS and OVHcloud.
import type { CapturedResource } from "../../harness/capture-program";
import { outputOnlyAttributes } from "../../harness/computed-attributes";
import type { PolicyPreviewResult } from "../../harness/run-preview";
import { UNKNOWN_STRING } from "../../harness/wire-values";
import { PLAN_URN, backupDesign } from "../programs/backup-designs";
import { optionalComputedAttributes } from "../support/optional-computed";
import { PLACEMENT_POLICIES_ONLY, type RunOptions, summary, usePackUnderTest } from "../support/protocol-preview";
import {
  BLOCK_VOLUME_BACKUP_URN,
  BUCKET_URN,
  DB_URN,
  PROD_PROJECT,
  REPLICA_URN,
  VOLUME_BACKUP_URN,
  WORKFLOW_URN,
  replicationDesign,
  strasbourgDesign,
  volumeBackupDesign,
  workflowDesign,
} from "./ovh-designs";

/** As a real preview plans them: output-only and optional computed attributes unknown. */
const computedAttributes = (resource: CapturedResource): readonly string[] => [...(outputOnlyAttributes(resource.type) ?? []), ...optionalComputedAttributes(resource.type)];

const DB_OFF_SITE =
  'A site-wide disaster would destroy the data and its copies together. Add a region of another site to backupRegions (e.g. backupRegions: ["SBG", "GRA"] for nodes in SBG): every SBG code is the one Strasbourg site, and OVHcloud sends GRA and BHS backups to SBG by default.';
const SAME_REGION_OFF_SITE =
  "A site-wide disaster would destroy the data and its copies together. OVHcloud keeps instance and volume backups in their source's region: also copy the data to another site, e.g. into an Object Storage bucket (ovh.cloudproject.Storage) whose replication rule's destination.region is on another site.";
const PROJECT_ACCOUNT = `the deploying account (OVHcloud project ${PROD_PROJECT}, whose account backup-guard:ovhAccounts does not name)`;

/** What a copy on its primary's 1-AZ site raises: off-site, and off-zone proven alone (Analyze) and in the stack. */
function sameSite(urn: string): string[] {
  return [`analyze mandatory backup-zone-separation ${urn}`, `analyzeStack mandatory backup-cross-region-copy ${urn}`, `analyzeStack mandatory backup-zone-separation ${urn}`];
}

/** The message of the only diagnostic with this phase, policy and URN. */
function messageOf(result: PolicyPreviewResult, phase: string, policy: string, urn: string): string {
  const found = result.diagnostics.filter((d) => d.phase === phase && d.policyName === policy && d.urn === urn);
  expect(found).toHaveLength(1);
  return found[0].message;
}

describe("OVHcloud designs over the Analyzer protocol, started by run-policy-pack like the Pulumi CLI", () => {
  const packUnderTest = usePackUnderTest();
  const preview = (program: () => void, options: RunOptions = {}) => packUnderTest.run(program, { computedAttributes, ...options });
  /** Everything but the offline copy, which no OVHcloud mechanism can make (tested on its own). */
  const onSitePolicies = (program: () => void) => preview(program, { policyConfig: { "backup-offline-copy": "disabled" } });

  describe("the Strasbourg case (a managed database and its backups on one site)", () => {
    it("blocks a database in SBG whose only backup region is SBG, at preview, as mandatory", async () => {
      const result = await onSitePolicies(strasbourgDesign(["SBG"]));
      expect(summary(result)).toEqual(sameSite(DB_URN));
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", DB_URN)).toBe(
        'backups of database "orders-db" copies the data only within the same site (SBG). Copies: backupRegions[0] → backups of database "orders-db" in SBG (backupRegions[0] "SBG": Strasbourg, FR), ' +
          'availability zone SBG (a 1-AZ site), the site of database "orders-db". ' +
          DB_OFF_SITE,
      );
      expect(result.blocked).toBe(true);
    });

    it.each([
      ["another Strasbourg code (SBG5 nodes, backups in sbg)", strasbourgDesign(["sbg"], "SBG5")],
      ["backups in SBG for nodes in SBG1", strasbourgDesign(["SBG", "SBG"], "SBG1")],
    ])("blocks %s: every SBG code is one site", async (_name, program) => {
      expect(summary(await onSitePolicies(program))).toContain(`analyzeStack mandatory backup-cross-region-copy ${DB_URN}`);
    });

    it("passes its fixed twin, whose backupRegions add Gravelines", async () => {
      expect(summary(await onSitePolicies(strasbourgDesign(["SBG", "GRA"])))).toEqual([]);
    });

    it("judges an unset backupRegions by OVHcloud's default off-site location: SBG → GRA passes", async () => {
      const result = await onSitePolicies(strasbourgDesign(undefined));
      const sent = result.requests.analyzeStack.find((r) => r.urn === DB_URN);
      expect(sent?.properties["backupRegions"]).toBe(UNKNOWN_STRING); // optional and computed: unknown in a real preview
      expect(summary(result)).toEqual([]);
    });

    it("fails closed on a database whose site has no documented default off-site location", async () => {
      const result = await onSitePolicies(strasbourgDesign(undefined, "EU-WEST-PAR"));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${DB_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", DB_URN)).toBe(
        'cannot prove that backups of database "orders-db" copies the data to another site. Undecided: default off-site backup → backups of database "orders-db" in unknown site ' +
          "(backupRegions not set and OVHcloud documents no default off-site location for site PAR); the backups OVHcloud makes of database \"orders-db\"; " +
          'on-site backup → backups of database "orders-db" in PAR (nodes[0].region "EU-WEST-PAR": Paris 3-AZ region, FR), the site of database "orders-db". ' +
          'Write region codes as literals OVHcloud documents (e.g. "GRA", "SBG5", "eu-west-par"). [unresolved before deployment; reported at the policy\'s enforcement level (onUnresolved: mandatory)]',
      );
    });

    it("fails closed on a region code it does not know, naming the code", async () => {
      const result = await onSitePolicies(strasbourgDesign(["SBG", "XYZ1"]));
      // Its zone cannot be told either.
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${DB_URN}`, `analyzeStack mandatory backup-zone-separation ${DB_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", DB_URN)).toContain('backupRegions[1] "XYZ1" is not a known OVHcloud region code');
    });
  });

  describe("instance and volume backups, which OVHcloud keeps in their source's region", () => {
    it("blocks a workflow backup of an instance in SBG5 (instanceId unknown in preview)", async () => {
      const result = await onSitePolicies(workflowDesign());
      expect(summary(result)).toEqual(sameSite(WORKFLOW_URN));
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", WORKFLOW_URN)).toBe(
        'workflow backup "nightly" of instance "web" copies the data only within the same site (SBG). Copies: backup → the backups of workflow backup "nightly" of instance "web" in SBG ' +
          '(regionName "SBG5": Strasbourg, FR), availability zone SBG (a 1-AZ site), the site of instance "web". ' +
          SAME_REGION_OFF_SITE,
      );
    });

    it("blocks both kinds of volume backup of a volume in GRA11", async () => {
      const result = await onSitePolicies(volumeBackupDesign());
      expect(summary(result).filter((s) => s.includes("cross-region"))).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${VOLUME_BACKUP_URN}`,
        `analyzeStack mandatory backup-cross-region-copy ${BLOCK_VOLUME_BACKUP_URN}`,
      ]);
    });

    it("passes a workflow's retention of 35 daily backups and blocks one of 7 (backup-retention-minimum)", async () => {
      const only = { policyConfig: { "backup-cross-region-copy": "disabled", "backup-zone-separation": "disabled", "backup-offline-copy": "disabled" } } as const;
      expect(summary(await preview(workflowDesign(), only))).toEqual([]);
      const result = await preview(workflowDesign("SBG5", 7), only);
      // The workflow proves it on its own (Analyze) and in the stack (AnalyzeStack), which keeps Analyze's
      // text (one text per finding), although the stack alone could name the instance.
      expect(summary(result)).toEqual([`analyze mandatory backup-retention-minimum ${WORKFLOW_URN}`, `analyzeStack mandatory backup-retention-minimum ${WORKFLOW_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-retention-minimum", WORKFLOW_URN)).toBe(messageOf(result, "analyze", "backup-retention-minimum", WORKFLOW_URN));
      expect(messageOf(result, "analyzeStack", "backup-retention-minimum", WORKFLOW_URN)).toBe(
        'workflow backup "nightly" of instance (instanceId unknown during preview) keeps its copies only 7 days, below the required 30 days. ' +
          'Copies: backup → the backups of workflow backup "nightly" of instance (instanceId unknown during preview) (rotation 7 × daily cron "0 2 * * *"). ' +
          "Damage noticed later than that (data deleted or corrupted by mistake, by a bad release, or by ransomware that waited) can no longer be restored from them. " +
          "Keep them at least 30 days: raise rotation (the number of backups kept) so that rotation times the cron interval spans that many days.",
      );
    });
  });

  describe("Object Storage replication and Object Lock", () => {
    it("passes replication from sbg to gra into a compliance-locked replica", async () => {
      expect(summary(await onSitePolicies(replicationDesign()))).toEqual([]);
    });

    it("blocks replication into another bucket on the source's site", async () => {
      const result = await onSitePolicies(replicationDesign({ destinationRegion: "SBG" }));
      expect(summary(result)).toEqual(sameSite(BUCKET_URN));
    });

    it("blocks a replica locked in governance mode", async () => {
      const result = await onSitePolicies(replicationDesign({ lockMode: "governance" }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-immutable ${REPLICA_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'Replica bucket "exports-replica" is not immutable: its lock can be removed or bypassed. It receives the replication rule 0 of replication of bucket "exports", but the Object Lock of bucket "exports-replica" is in governance mode: ' +
          'anyone allowed s3:BypassGovernanceRetention can delete locked versions. Set objectLock.rule.mode to "compliance".',
      );
    });

    it("blocks an unlocked replica, even when versioned", async () => {
      const result = await onSitePolicies(replicationDesign({ lockMode: "none" }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-immutable ${REPLICA_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'Replica bucket "exports-replica" is not immutable: replication is not a backup. It receives a replica from replication of bucket "exports", but ' +
          'objectLock is not enabled on bucket "exports-replica"; versioning alone keeps old versions deletable. ' +
          "Deletions, overwrites and encryption by an attacker using the production credentials are replicated too, or the replica is emptied directly. " +
          'Create the replica bucket with versioning: { status: "enabled" } and objectLock: { status: "enabled", rule: { mode: "compliance", period: "P30D" } }: in compliance mode nobody, not even the account administrator, can delete or shorten a locked version.',
      );
    });

    it("blocks a compliance lock shorter than the required retention", async () => {
      const result = await onSitePolicies(replicationDesign({ period: "P1W" }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-retention-minimum ${REPLICA_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'the Object Lock of bucket "exports-replica" locks the replicas in replica bucket "exports-replica" for only 7 days, below the required 30 days. ' +
          'They come from replication of bucket "exports", and its default retention is 7 days: ' +
          "after that, whoever holds the production credentials (or ransomware using them) can delete or overwrite them, and the replication copies the damage. " +
          "Keep the replicas locked at least 30 days: give the replica bucket an Object Lock rule (objectLock.rule.period) at least that long.",
      );
    });
  });

  describe("backup-copy-residency: OVHcloud sites as regions", () => {
    const residency = (allowedRegions: string[]) => ({ "backup-offline-copy": "disabled" as const, "backup-copy-residency": { allowedRegions } });

    it("passes the fixed Strasbourg twin when both of its sites are allowed, whatever their case", async () => {
      expect(summary(await preview(strasbourgDesign(["SBG", "GRA"]), { policyConfig: residency(["eu-*", "sbg", "GRA"]) }))).toEqual([]);
    });

    it("blocks it when Gravelines is not an allowed site, naming the site", async () => {
      const result = await preview(strasbourgDesign(["SBG", "GRA"]), { policyConfig: residency(["eu-*", "SBG"]) });
      // The database's own backupRegions tell where its copies go: Analyze proves it alone, AnalyzeStack too.
      expect(summary(result)).toEqual([`analyze mandatory backup-copy-residency ${DB_URN}`, `analyzeStack mandatory backup-copy-residency ${DB_URN}`]);
      for (const diagnostic of result.diagnostics) expect(diagnostic.message).toContain('backupRegions[1] "GRA": Gravelines, FR');
    });
  });

  describe("backup-offline-copy: the OVHcloud account, not the project", () => {
    it("blocks the fixed Strasbourg twin: every copy OVHcloud makes stays in the project's account", async () => {
      const result = await preview(strasbourgDesign(["SBG", "GRA"]));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${DB_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        `backups of database "orders-db" has no offline copy: all in the deploying account. Copies: backupRegions[0] → backups of database "orders-db" in ${PROJECT_ACCOUNT}, the same credentials as source database "orders-db"; ` +
          `backupRegions[1] → backups of database "orders-db" in ${PROJECT_ACCOUNT}, the same credentials as source database "orders-db". ` +
          "Whoever holds the production credentials (or ransomware running with them) can delete every copy. OVHcloud keeps these copies in the project's own account, where the production credentials can delete them: " +
          "keep a copy in a project of another OVHcloud account (declared under that account in backup-guard:ovhAccounts), or record the gap with a backup-exemptions entry.",
      );
    });

    it("never counts Object Storage replication as offline (it cannot leave the project)", async () => {
      expect(summary(await preview(replicationDesign()))).toEqual([`analyzeStack mandatory backup-offline-copy ${BUCKET_URN}`]);
    });
  });

  describe("stacks mixing AWS and OVHcloud, judged per cloud", () => {
    const both = (...programs: Array<() => void>) => () => programs.forEach((program) => program());

    // The AWS designs are placement designs: the governance policies are tested elsewhere.
    const placementOnly = (program: () => void) => preview(program, { policyConfig: PLACEMENT_POLICIES_ONLY });

    it("blocks only the OVHcloud database when the AWS design passes", async () => {
      const result = await placementOnly(both(backupDesign(), strasbourgDesign(["SBG"])));
      const [zoneAlone, offSite, zone] = sameSite(DB_URN);
      expect(summary(result)).toEqual([zoneAlone, offSite, `analyzeStack mandatory backup-offline-copy ${DB_URN}`, zone]);
    });

    it("blocks the AWS plan's same-region copy in AWS words and the OVHcloud database's only for its account", async () => {
      const result = await placementOnly(both(backupDesign({ destination: "default" }), strasbourgDesign(["SBG", "GRA"])));
      expect(summary(result)).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${PLAN_URN}`,
        `analyzeStack mandatory backup-offline-copy ${PLAN_URN}`,
        `analyzeStack mandatory backup-offline-copy ${DB_URN}`,
      ]);
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", PLAN_URN)).toMatch(/copies its recovery points only within the same region \(eu-west-3\)\. Copies: .*A regional disaster would destroy the backups and their copies together\. Add a copy action/);
    });
  });
});
