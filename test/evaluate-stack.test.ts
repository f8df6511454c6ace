import { PlannedStack } from "../policies/core/planned-stack";
import { evaluateStack } from "../policies/evaluate-stack";
import { backupDesign } from "./support/aws-backup-fixtures";

const TODAY = "2026-12-02";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";

/** The copy stays in the source's region and account: cross-region and offline-copy violations. */
function sameRegionCopy(): PlannedStack {
  return backupDesign({ destinationProvider: "default" }).builder.stack();
}

/** The destination provider sets no region: the cross-region verdict is unresolved. */
function unresolvedRegion(): PlannedStack {
  const builder = backupDesign().builder;
  return backupDesign({ destinationProvider: builder.provider("dr", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/x" }] }) }).builder.stack();
}

const summary = (stack: PlannedStack, config?: unknown) =>
  evaluateStack(stack, config, { today: TODAY }).findings.map((f) => `${f.level} ${f.policy} ${f.outcome} ${f.resource.split("::").pop()}`);

describe("evaluateStack: every policy over a whole planned stack, at the pack's levels", () => {
  it("reports violations at each policy's default level and advisory outcomes as advisory, sorted by resource then policy", () => {
    expect(summary(sameRegionCopy())).toEqual([
      "mandatory backup-cross-region-copy violation plan",
      "mandatory backup-offline-copy violation plan",
      // The copy vault is locked in compliance mode: its missing deletion-denying policy is a smaller, advisory gap.
      "advisory backup-deletion-protection advisory dr",
    ]);
    expect(summary(backupDesign({ destinationProvider: "default", destinationLock: "governance" }).builder.stack())).toContain(
      "mandatory backup-deletion-protection violation dr",
    );
  });

  it("applies `all`, a policy's own level and `disabled` as a --policy-pack-config does", () => {
    expect(summary(sameRegionCopy(), { all: "advisory", "backup-offline-copy": { enforcementLevel: "mandatory" }, "backup-deletion-protection": "disabled" })).toEqual([
      "advisory backup-cross-region-copy violation plan",
      "mandatory backup-offline-copy violation plan",
    ]);
  });

  it("reports unresolved findings at the policy's level (fail closed), or advisory with onUnresolved: advisory", () => {
    const stack = unresolvedRegion();
    const [finding] = evaluateStack(stack, {}, { today: TODAY }).findings.filter((f) => f.policy === "backup-cross-region-copy");
    expect([finding.level, finding.outcome, finding.message.endsWith("[unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]")]).toEqual([
      "mandatory",
      "unresolved",
      true,
    ]);
    const relaxed = evaluateStack(stack, { "backup-cross-region-copy": { onUnresolved: "advisory" } }, { today: TODAY }).findings.filter((f) => f.policy === "backup-cross-region-copy");
    expect(relaxed.map((f) => [f.level, f.outcome])).toEqual([["advisory", "unresolved"]]);
  });

  it("fails closed with a mandatory finding for a policy whose settings are invalid", () => {
    const findings = evaluateStack(sameRegionCopy(), { "backup-cross-region-copy": { requiredSeparation: "planet" } }, { today: TODAY }).findings.filter((f) => f.policy === "backup-cross-region-copy");
    expect(findings.map((f) => [f.level, f.outcome, f.code, f.resource])).toEqual([["mandatory", "error", "invalid-config", ""]]);
    expect(findings[0].message).toMatch(/^Invalid configuration for policy backup-cross-region-copy: the policy did not run and fails closed. /);
  });

  it("names configuration keys that are not backup-guard policies, and invalid levels", () => {
    const { configProblems } = evaluateStack(sameRegionCopy(), { "backup-imutable": "mandatory", "backup-coverage": "loud" }, { today: TODAY });
    expect(configProblems).toEqual([
      'backup-coverage: "loud" is not a valid enforcement level',
      "backup-imutable: not a backup-guard policy (did you mean backup-immutable?); the Pulumi CLI accepts it silently and it configures nothing",
    ]);
  });

  it("reports a finding exempted by the backup-exemptions config as advisory, with the exemption", () => {
    const config = {
      "backup-exemptions": { exemptions: [{ resources: ["plan"], policies: ["backup-offline-copy"], reason: "migration, OPS-1", until: "2027-01-31" }] },
    };
    const offline = evaluateStack(sameRegionCopy(), config, { today: TODAY }).findings.filter((f) => f.resource === PLAN && f.policy === "backup-offline-copy");
    expect(offline.map((f) => [f.level, f.exemption?.state])).toEqual([["advisory", "granted"]]);
  });
});
