import { ProtectionRoute, RouteView, describeRegion } from "../core/protection-model";
import { CommonRuleConfig, defineRule } from "../core/rule";
import { Issue, reportAcrossViews, reportUnreadableRoute } from "./route-verdicts";

const ID = "backup-cross-region-copy";
const REQUIREMENT =
  "Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. new aws.Provider(\"dr\", { region: \"eu-central-1\" })).";

function judge(route: ProtectionRoute, view: RouteView): Issue[] {
  const source = view.source;
  const sourceRegion = source.placement.region;
  if (view.copies.length === 0) {
    return [
      {
        urn: route.urn,
        outcome: "violation",
        code: "no-copy",
        subject: route.subject,
        message:
          `${route.label} has no copy action: its recovery points stay in ${source.label} in ${describeRegion(sourceRegion)}, ` +
          `where a regional disaster destroys them together with the primaries. ${REQUIREMENT}`,
      },
    ];
  }
  const primaryRegions = route.primaries
    .filter((p) => p.placement.region.state === "known")
    .map((p) => ({ label: p.label, region: p.placement.region.state === "known" ? p.placement.region.value : "" }));
  const sameRegion: string[] = [];
  const undecided: string[] = [];
  for (const copy of view.copies) {
    const region = copy.store.placement.region;
    const where = `${copy.label} → ${copy.store.label} in ${describeRegion(region)}`;
    if (region.state !== "known") {
      undecided.push(`${where}; ${copy.store.resolvedVia}`);
      continue;
    }
    const clash = primaryRegions.find((p) => p.region === region.value);
    if (sourceRegion.state === "known" && sourceRegion.value === region.value) {
      sameRegion.push(`${where}, the region of source ${source.label}`);
    } else if (clash) {
      sameRegion.push(`${where}, the region of protected resource ${clash.label}`);
    } else if (sourceRegion.state !== "known") {
      undecided.push(`${where}, but the region of source ${source.label} is ${describeRegion(sourceRegion)}`);
    } else {
      return []; // one copy outside the source's and the primaries' regions is enough
    }
  }
  if (undecided.length > 0) {
    return [
      {
        urn: route.urn,
        outcome: "unresolved",
        code: "unresolved-region",
        subject: route.subject,
        message:
          `cannot prove that ${route.label} copies its recovery points out of the source region: ${undecided.join("; ")}` +
          (sameRegion.length > 0 ? `; ${sameRegion.join("; ")}` : "") +
          `. Give the destination vault a provider with an explicit region, or use a literal destination ARN.`,
      },
    ];
  }
  return [
    {
      urn: route.urn,
      outcome: "violation",
      code: "same-region-copy",
      subject: route.subject,
      message:
        `${route.label} copies its recovery points only within the same region: ${sameRegion.join("; ")}. ` +
        `A regional disaster would destroy the backups and their copies together. ${REQUIREMENT}`,
    },
  ];
}

/** Every backup route copies its backups to a store in another region than the source and the primaries. */
export const backupCrossRegionCopy = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Backups are copied to another region",
    description:
      "Every AWS Backup plan rule must copy its recovery points to at least one vault in a different region than the source vault and than each selected resource whose region is known. A copy into the same region, or a rule without a copy action, is a violation.",
    rationale:
      "In March 2021 a fire destroyed a datacenter in Strasbourg together with the backups kept in the same building. A copy in the same region shares the primary's fate in a regional disaster.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-6(1)", title: "Alternate storage site: separation from primary site" },
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", title: "System backup" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(3)", title: "Backups physically segregated from the source" },
    ],
    remediation: [
      "Create a destination vault in another region, through a provider for that region: `new aws.backup.Vault(\"dr\", {}, { provider: new aws.Provider(\"dr\", { region: \"eu-central-1\" }) })` (or the vault's `region` input).",
      "Add a copy action to every plan rule: `copyActions: [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: 35 } }]`.",
      "Make sure the destination region is not the region of any resource the plan selects.",
    ],
    appliesTo: ["aws:backup/plan:Plan", "aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", "aws:backup/selection:Selection"],
    limits: [
      "Only AWS Backup plans are judged so far; native service copies (S3 replication, RDS, EBS/DLM, EFS) follow.",
      "A destination vault outside this stack is located from its literal ARN; one referenced by an unknown value that no in-stack resource explains is unresolved.",
    ],
    config: {},
  },
  check(model, context) {
    for (const route of model.routes) {
      if (reportUnreadableRoute(route, context, REQUIREMENT, true)) continue;
      reportAcrossViews(ID, route, context, (view) => judge(route, view));
    }
  },
});
