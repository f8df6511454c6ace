import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { copyRows } from "../../policies/report/copy-table";
import { indexFindings } from "../../policies/report/map-findings-index";
import { ReportedFinding, distinctFindings, firstSentence } from "../../policies/report/map-findings";
import { MapEdge, buildMapGraph } from "../../policies/report/map-graph";
import { layoutMap } from "../../policies/report/map-layout";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ACCOUNT = { allowedAccountIds: JSON.stringify(["111111111111"]) };

/** A table backed up into a primary vault whose rule copies into `dr` (created through `drProvider`). */
function design(drProvider?: Record<string, unknown>, lockDr = false) {
  const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) });
  const table = b.add(AWS_TYPES.dynamodbTable, "orders", { name: "orders", arn: UNKNOWN });
  const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary", arn: UNKNOWN });
  const provider = drProvider ? b.provider("dr", drProvider as never) : undefined;
  const dr = b.add(AWS_TYPES.backupVault, "dr", { name: "dr", arn: UNKNOWN }, provider ? { provider } : {});
  if (lockDr) {
    b.add(AWS_TYPES.backupVaultLockConfiguration, "dr-lock", { backupVaultName: "dr", changeableForDays: 3, minRetentionDays: 7 }, provider ? { provider } : {});
  }
  const plan = b.add(
    AWS_TYPES.backupPlan,
    "plan",
    { rules: [{ ruleName: "daily", targetVaultName: "primary", lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 35 } }] }] },
    { propertyDependencies: { rules: [dr] } },
  );
  b.add(AWS_TYPES.backupSelection, "sel", { planId: UNKNOWN, iamRoleArn: "arn:aws:iam::111111111111:role/b", resources: [UNKNOWN] }, { propertyDependencies: { planId: [plan], resources: [table] } });
  return { b, table, primary, dr, plan };
}

function edgeFacts(edges: readonly MapEdge[]): string[] {
  return edges.map((e) => `${e.role} ${e.from} -> ${e.to} region:${e.sameRegion} account:${e.sameAccount} certain:${e.certain}`);
}

describe("the backup map's graph", () => {
  it("draws a same-region, same-account copy into an unlocked vault as such", () => {
    const { b } = design();
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    expect(graph.nodes.map((n) => `${n.id} ${n.kind} ${n.lock}`)).toEqual([
      "primary-table-orders primary not-applicable",
      "store-vault-primary backup-vault unlocked",
      "store-vault-dr backup-vault unlocked",
    ]);
    expect(edgeFacts(graph.edges)).toEqual([
      "backup primary-table-orders -> store-vault-primary region:yes account:yes certain:true",
      "copy store-vault-primary -> store-vault-dr region:yes account:yes certain:true",
    ]);
    expect(graph.routes.map((r) => [r.id, r.mechanism, r.subject])).toEqual([["route-plan-plan-rule-daily", "AWS Backup", 'rule "daily"']]);
  });

  it("draws a copy through an explicit provider in another region and account, locked in compliance mode", () => {
    const { b } = design({ region: "eu-central-1", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/copy" }] }, true);
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    expect(graph.nodes.find((n) => n.id === "store-vault-dr")?.lock).toBe("compliance");
    expect(graph.nodes.find((n) => n.id === "store-vault-dr")?.findingUrns).toEqual([
      "urn:pulumi:dev::proj::aws:backup/vault:Vault::dr",
      "urn:pulumi:dev::proj::aws:backup/vaultLockConfiguration:VaultLockConfiguration::dr-lock",
    ]);
    expect(edgeFacts(graph.edges)[1]).toBe("copy store-vault-primary -> store-vault-dr region:no account:no certain:true");
    const layout = layoutMap(graph);
    expect(layout.columns.map((c) => c.key)).toEqual(["eu-west-3", "eu-central-1"]);
    expect(layout.rows.map((r) => r.label)).toEqual(["account 111111111111", "account 222222222222"]);
  });

  it("puts a copy vault whose provider has no region in the unknown region column, never a guessed one", () => {
    const { b } = design({ ...ACCOUNT });
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    const dr = graph.nodes.find((n) => n.id === "store-vault-dr");
    expect(dr?.placement.region.state).toBe("unknown");
    expect(edgeFacts(graph.edges)[1]).toBe("copy store-vault-primary -> store-vault-dr region:unknown account:yes certain:true");
    const layout = layoutMap(graph);
    expect(layout.columns.map((c) => [c.key, c.label, c.unknown])).toEqual([
      ["eu-west-3", "eu-west-3", false],
      ["?", "region unknown", true],
    ]);
  });

  it("draws the destination of a plan whose rules are unknown in preview as an unknown node", () => {
    const b = new PlannedStackBuilder();
    const table = b.add(AWS_TYPES.dynamodbTable, "orders", { name: "orders", arn: UNKNOWN });
    const plan = b.add(AWS_TYPES.backupPlan, "plan", { rules: UNKNOWN });
    b.add(AWS_TYPES.backupSelection, "sel", { planId: UNKNOWN, iamRoleArn: "arn:aws:iam::111111111111:role/b", resources: [UNKNOWN] }, { propertyDependencies: { planId: [plan], resources: [table] } });
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    const unknown = graph.nodes.filter((n) => n.kind === "unknown-destination");
    expect(unknown.map((n) => [n.id, n.label, n.placement.region.state, n.placement.account.state, n.lock])).toEqual([
      [unknown[0]?.id, `destination of ${graph.routes[0]?.subject}`, "unknown", "unknown", "unknown"],
    ]);
    expect(edgeFacts(graph.edges)).toEqual([`copy primary-table-orders -> ${unknown[0]?.id} region:unknown account:unknown certain:true`]);
    expect(layoutMap(graph).columns.map((c) => c.key)).toEqual(["eu-west-3", "?"]);
  });

  it("marks copies that only some readings of unknown references make as possible", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", {});
    const dr = b.add(AWS_TYPES.backupVault, "dr", {});
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: UNKNOWN, copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [primary, dr] } });
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    expect(graph.edges.map((e) => `${e.from} -> ${e.to} ${e.certain}`).sort()).toEqual(["store-vault-dr -> store-vault-primary false", "store-vault-primary -> store-vault-dr false"]);
  });
});

describe("the findings beside the map", () => {
  const finding = (policy: string, resource: string, level: "mandatory" | "advisory" = "mandatory", message = `${policy} is broken. Fix it.`): ReportedFinding => ({ policy, level, resource, message });

  it("attaches a lock's finding to its vault, a plan's to its route, and lists the rest as not drawn", () => {
    const { b, plan } = design({ region: "eu-central-1" }, true);
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    const index = indexFindings(graph, [
      finding("backup-restore-testing", "urn:pulumi:dev::proj::aws:backup/vault:Vault::dr", "advisory"),
      finding("backup-immutable", "urn:pulumi:dev::proj::aws:backup/vaultLockConfiguration:VaultLockConfiguration::dr-lock"),
      finding("backup-offline-copy", plan.urn),
      finding("backup-coverage", "urn:pulumi:dev::proj::aws:rds/instance:Instance::elsewhere"),
    ]);
    expect(index.groups.map((g) => [g.id, g.label, g.level, g.findings.map((f) => `${f.id} ${f.finding.policy}`)])).toEqual([
      ["findings-route-plan-plan-rule-daily", 'rule "daily" of backup plan "plan"', "mandatory", ["finding-1 backup-offline-copy"]],
      ["findings-store-vault-dr", 'vault "dr"', "mandatory", ["finding-2 backup-immutable", "finding-3 backup-restore-testing"]],
      ["findings-elsewhere-1", 'Instance "elsewhere"', "mandatory", ["finding-4 backup-coverage"]],
    ]);
  });

  it("shows a finding reported twice once, at the higher level", () => {
    const once = finding("backup-immutable", "urn:x", "advisory");
    expect(distinctFindings([once, { ...once, level: "mandatory" }, finding("backup-immutable", "urn:y")])).toEqual({
      findings: [{ ...once, level: "mandatory" }, finding("backup-immutable", "urn:y")],
      repeats: 1,
    });
  });

  it("takes the first sentence up to a full stop followed by a capital, not at e.g. or a version", () => {
    expect(firstSentence("copy of db stays in eu-west-3, e.g. via v0.1.0. Add a copy.")).toBe("copy of db stays in eu-west-3, e.g. via v0.1.0.");
    expect(firstSentence("no full stop at all")).toBe("no full stop at all");
  });

  it("gives a finding on a plan of several rules and copies to the rows of the rule and the copies its message names", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) });
    const table = b.add(AWS_TYPES.dynamodbTable, "orders", { name: "orders", arn: UNKNOWN });
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary", arn: UNKNOWN });
    b.add(AWS_TYPES.backupVault, "dr", { name: "dr", arn: UNKNOWN }, { provider: b.provider("fra", { region: "eu-central-1" } as never) });
    b.add(AWS_TYPES.backupVault, "near", { name: "near", arn: UNKNOWN });
    const vaultArn = (region: string, name: string) => `arn:aws:backup:${region}:111111111111:backup-vault:${name}`;
    const plan = b.add(AWS_TYPES.backupPlan, "plan", {
      rules: [
        { ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: vaultArn("eu-central-1", "dr") }, { destinationVaultArn: vaultArn("eu-west-3", "near") }] },
        { ruleName: "monthly", targetVaultName: "primary", copyActions: [{ destinationVaultArn: vaultArn("eu-central-1", "dr") }] },
      ],
    });
    b.add(AWS_TYPES.backupSelection, "sel", { planId: UNKNOWN, iamRoleArn: "arn:aws:iam::111111111111:role/b", resources: [UNKNOWN] }, { propertyDependencies: { planId: [plan], resources: [table] } });
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    const verdicts = (findings: ReportedFinding[]) => copyRows(graph, findings).map((r) => `${r.mechanism} → ${r.destination}: ${r.verdict}`);
    const on = (policy: string, message: string): ReportedFinding => ({ policy, level: "mandatory", resource: plan.urn, message });
    expect(verdicts([on("backup-copy-residency", 'Copy of rule "daily" of backup plan "plan" leaves the allowed regions. Copies: copy action → vault "near" in eu-west-3.')])).toEqual([
      'AWS Backup rule "daily": backup → vault "primary": ok',
      'AWS Backup rule "daily": copy action 1 → vault "dr": ok',
      'AWS Backup rule "daily": copy action 2 → vault "near": blocked (backup-copy-residency)',
      'AWS Backup rule "monthly": backup → vault "primary": ok',
      'AWS Backup rule "monthly": copy action → vault "dr": ok',
    ]);
    // Naming a rule but no copy (or every copy of it): every copy of that rule; naming neither: every copy of every rule.
    expect(verdicts([on("backup-offline-copy", 'rule "monthly" of backup plan "plan" has no copy out of the account. Copies: vault "dr".'), on("backup-immutable", "The plan's copies are not locked.")])).toEqual([
      'AWS Backup rule "daily": backup → vault "primary": ok',
      'AWS Backup rule "daily": copy action 1 → vault "dr": blocked (backup-immutable)',
      'AWS Backup rule "daily": copy action 2 → vault "near": blocked (backup-immutable)',
      'AWS Backup rule "monthly": backup → vault "primary": ok',
      'AWS Backup rule "monthly": copy action → vault "dr": blocked (backup-immutable, backup-offline-copy)',
    ]);
    // Beside the map, the finding is listed with the rule it names.
    const index = indexFindings(graph, [on("backup-offline-copy", 'rule "monthly" of backup plan "plan" has no copy out of the account.'), on("backup-immutable", "The plan's copies are not locked.")]);
    expect(index.groups.map((g) => [g.elementId, g.findings.map((f) => f.finding.policy)])).toEqual([
      ["route-plan-plan-rule-daily", ["backup-immutable"]],
      ["route-plan-plan-rule-monthly", ["backup-offline-copy"]],
    ]);
    // `vault "dr"` is not named by `vault "dr-old"`.
    expect(verdicts([on("backup-copy-residency", 'rule "daily" of backup plan "plan" copies to vault "dr-old".')])).toEqual([
      'AWS Backup rule "daily": backup → vault "primary": ok',
      'AWS Backup rule "daily": copy action 1 → vault "dr": blocked (backup-copy-residency)',
      'AWS Backup rule "daily": copy action 2 → vault "near": blocked (backup-copy-residency)',
      'AWS Backup rule "monthly": backup → vault "primary": ok',
      'AWS Backup rule "monthly": copy action → vault "dr": ok',
    ]);
  });

  it("tables each primary's backup and copies with the copy's verdict from the route and the destination", () => {
    const { b, plan } = design();
    const graph = buildMapGraph(buildAwsProtectionModel(b.stack()));
    const rows = copyRows(graph, [finding("backup-cross-region-copy", plan.urn), finding("backup-restore-testing", "urn:pulumi:dev::proj::aws:backup/vault:Vault::primary", "advisory")]);
    expect(rows.map((r) => [r.primary, r.mechanism, r.destination, r.region, r.account, r.locked, r.verdict])).toEqual([
      ['Table "orders"', 'AWS Backup rule "daily": backup', 'vault "primary"', "eu-west-3 (same)", "111111111111 (same)", "no", "advisory (backup-restore-testing)"],
      ['Table "orders"', 'AWS Backup rule "daily": copy action', 'vault "dr"', "eu-west-3 (same)", "111111111111 (same)", "no", "blocked (backup-cross-region-copy)"],
    ]);
  });
});
