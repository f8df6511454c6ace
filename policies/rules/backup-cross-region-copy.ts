import { BackupStore, Placement, ProtectionRoute, RouteView, describeRegion, describeZone, separation } from "../core/protection-model";
import { SourceVocabulary, vocabularyOf } from "../core/source-vocabulary";
import { CommonRuleConfig, ConfigProperty, defineRule } from "../core/rule";
import { AWS_BACKUP_ROUTE_TYPES, NATIVE_COPY_TYPES } from "./applies-to";
import { fewNames, placeName, routeSentence } from "./route-names";
import { Issue, judgeRoutesPerPrimary } from "./route-verdicts";

const ID = "backup-cross-region-copy";
/** The AWS wording, with the provider spelled as the source program spells it. */
function requirement(vocabulary: SourceVocabulary, native: boolean, distance: Distance): string {
  const provider = vocabulary.providerForRegion("dr", "eu-central-1");
  if (distance === "zone") {
    return native
      ? `Send the copy out of the primary's availability zone: into a store of another zone (e.g. destination.availabilityZoneName, or a regional store that spans the zones) or of another region (e.g. ${provider}).`
      : `Add a copy action whose destination vault is outside the primary's zone: AWS Backup vaults span the zones of their region, or use another region (e.g. ${provider}).`;
  }
  return native
    ? `Send the copy to another region: create the destination (replica bucket, replica file system, snapshot copy) through a provider for that region (e.g. ${provider}) or set its region input, destination.region or the DLM rule's target.`
    : `Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. ${provider}).`;
}

/** How far a copy must be from its source: another region, or at least outside the source's zone. */
export type Distance = "zone" | "region";

/** The `requiredSeparation` setting shared by the placement rules. */
export function separationProperty(defaultDistance: Distance, what: string): ConfigProperty {
  return {
    type: "string",
    enum: ["region", "zone"],
    default: defaultDistance,
    description:
      `How far ${what} must be from the data it protects. \`region\`: in another AWS region. \`zone\`: another region, or the same region outside the primary's availability zone (a regional store, or a single-zone store in another zone).`,
  };
}

/** The disaster that destroys one place: "regional" for a region, "site-wide" for a site. */
function regional(place: string): string {
  return place === "region" ? "regional" : `${place}-wide`;
}

/** Config of backup-cross-region-copy. */
export interface CrossRegionCopyConfig extends CommonRuleConfig {
  readonly requiredSeparation: Distance;
}

function where(placement: Placement, place: string): string {
  return placement.zone.state === "single-zone" ? `${describeRegion(placement.region, place)}, ${describeZone(placement.zone)}` : describeRegion(placement.region, place);
}

/** An undecided copy, with how its store was resolved unless its place already says that. */
function withEvidence(text: string, store: BackupStore): string {
  return text.includes(store.resolvedVia) ? text : `${text}; ${store.resolvedVia}`;
}

/** What must be done for the route: the cloud model's advice, else the AWS wording, for the separation required. */
function requirementOf(route: ProtectionRoute, vocabulary: SourceVocabulary, distance: Distance): string {
  const advice = distance === "zone" ? route.advice?.offZone : route.advice?.offSite;
  return advice ?? requirement(vocabulary, route.kind === "native-copy", distance);
}

/** The region (or, for `zone`, the availability zone) a copy shares with its origin, when known. */
export function sharedPlace(placement: Placement, distance: Distance): string | undefined {
  if (distance === "region") return placement.region.state === "known" ? placement.region.value : undefined;
  const zone = placement.zone;
  return zone.state === "single-zone" && zone.zone.state === "known" ? zone.zone.value : undefined;
}

function judge(route: ProtectionRoute, view: RouteView, distance: Distance, vocabulary: SourceVocabulary): Issue[] {
  const source = view.source;
  const native = route.kind === "native-copy";
  const requirement = requirementOf(route, vocabulary, distance);
  const place = route.advice?.place ?? "region";
  const say = (sentence: (name: string) => string): string => routeSentence(route, sentence);
  if (view.copies.length === 0) {
    const sourcePlace = placeName(source.placement.region, place);
    return [
      {
        urn: route.urn,
        outcome: "violation",
        code: "no-copy",
        subject: route.subject,
        message: native
          ? `${say((name) => `${name} makes no copy outside ${sourcePlace}.`)} The data and its snapshots stay in ${describeRegion(source.placement.region, place)}: a ${regional(place)} disaster destroys them together. ${requirement}`
          : `${say((name) => `${name} has no copy action: its recovery points stay in ${sourcePlace}.`)} They stay in ${source.label} in ${describeRegion(source.placement.region, place)}, ` +
            `where a ${regional(place)} disaster destroys them together with the primaries. ${requirement}`,
      },
    ];
  }
  // The copy must be away from the source and from every protected resource whose place is known.
  const origins: Array<{ label: string; placement: Placement }> = [{ label: native ? source.label : `source ${source.label}`, placement: source.placement }];
  for (const primary of route.primaries) {
    if (primary.placement.region.state === "known" && primary.urn !== source.urn) origins.push({ label: `protected resource ${primary.label}`, placement: primary.placement });
  }
  const shared: string[] = [];
  /** The regions (or zones) the copies share with their origins, for the first sentence. */
  const sharedPlaces: string[] = [];
  const undecided: string[] = [];
  for (const copy of view.copies) {
    const at = `${copy.label} → ${copy.store.label} in ${where(copy.store.placement, place)}`;
    let clash: string | undefined;
    let open: string | undefined;
    for (const origin of origins) {
      const verdict = separation(origin.placement, copy.store.placement, distance, place);
      if (verdict.verdict === "shared") {
        clash = `${at}, the ${distance === "region" ? place : "zone"} of ${origin.label}`;
        const value = sharedPlace(copy.store.placement, distance);
        if (value !== undefined) sharedPlaces.push(value);
        break;
      }
      if (verdict.verdict === "undecided" && open === undefined) {
        open = copy.store.placement.region.state !== "known" ? withEvidence(at, copy.store) : `${at}, but whether it shares the ${distance === "region" ? place : "zone"} of ${origin.label} is undecided: ${verdict.why}`;
      }
    }
    if (clash) shared.push(clash);
    else if (open) undecided.push(open);
    else return []; // one copy away from the source and every primary is enough
  }
  const within = sharedPlaces.length > 0 ? ` (${fewNames(sharedPlaces)})` : "";
  const distanceText = distance === "region" ? `to another ${place}` : "out of its source's zone";
  if (undecided.length > 0) {
    return [
      {
        urn: route.urn,
        outcome: "unresolved",
        code: "unresolved-region",
        subject: route.subject,
        message:
          `${say((name) => `cannot prove that ${name} copies ${native ? "the data" : "its recovery points"} ${distanceText}.`)} Undecided: ${undecided.join("; ")}` +
          (shared.length > 0 ? `; ${shared.join("; ")}` : "") +
          (route.advice
            ? `. ${route.advice.knownPlace}`
            : native
              ? ". Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack."
              : ". Give the destination vault a provider with an explicit region, or use a literal destination ARN."),
      },
    ];
  }
  return [
    {
      urn: route.urn,
      outcome: "violation",
      code: distance === "region" ? "same-region-copy" : "same-zone-copy",
      subject: route.subject,
      message:
        `${say((name) => `${name} copies ${native ? "the data" : "its recovery points"} only within the same ${distance === "region" ? place : "zone"}${within}.`)} Copies: ${shared.join("; ")}. ` +
        `A ${distance === "region" ? regional(place) : "zone"} disaster would destroy the ${native ? "data and its copies" : "backups and their copies"} together. ${requirement}`,
    },
  ];
}

/** Every backup route copies its backups to a store in another region than the source and the primaries. */
export const backupCrossRegionCopy = defineRule<CrossRegionCopyConfig>({
  meta: {
    id: ID,
    title: "Backups are copied to another region",
    description:
      "Every AWS Backup plan rule must copy its recovery points to at least one vault in a different region than the source vault and than each selected resource whose region is known; a rule without a copy action is a violation. Every native copy must land in another region than its source: each enabled S3 replication rule (aws.s3.BucketReplicationConfig and the inline replicationConfiguration of aws.s3.Bucket/BucketV2), RDS automated-backup replication, RDS and Aurora snapshot copies, EBS snapshot copies, each DLM schedule's cross-region copy rules and event-based cross-region copies, and EFS replication. S3 bucket ARNs carry no region: the destination bucket is located through the bucket declared in the stack (its region input, its provider, the stack's aws:region).",
    rationale:
      "In March 2021 a fire destroyed a datacenter in Strasbourg together with the backups kept in the same building. A copy in the same region shares the primary's fate in a regional disaster.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-6(1)", title: "Alternate storage site: separation from primary site" },
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", title: "System backup" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(3)", title: "Backups physically segregated from the source" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Data backup processes and recovery infrastructure" },
    ],
    remediation: [
      "Create a destination vault in another region, through a provider for that region: `new aws.backup.Vault(\"dr\", {}, { provider: new aws.Provider(\"dr\", { region: \"eu-central-1\" }) })` (or the vault's `region` input).",
      "Add a copy action to every plan rule: `copyActions: [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: 35 } }]`.",
      "Make sure the destination region is not the region of any resource the plan selects.",
    ],
    appliesTo: [...AWS_BACKUP_ROUTE_TYPES, ...NATIVE_COPY_TYPES],
    limits: [
      "A destination vault outside this stack is located from its literal ARN; one referenced by an unknown value that no in-stack resource explains is unresolved.",
      "An S3 replication destination bucket outside this stack has no known region (S3 ARNs carry none): the rule is unresolved (see onUnresolved).",
      "DLM copies to an Outpost ARN are unresolved. DynamoDB global tables, Aurora global databases and RDS read replicas are not judged as copies yet.",
    ],
    config: { requiredSeparation: separationProperty("region", "at least one copy") },
  },
  check(model, context) {
    judgeRoutesPerPrimary(
      ID,
      model,
      context,
      (route) => requirementOf(route, vocabularyOf(model), context.config.requiredSeparation),
      (route, view) => judge(route, view, context.config.requiredSeparation, vocabularyOf(model)),
    );
  },
});
