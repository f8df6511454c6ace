import { globMatch } from "../aws/selection-coverage";
import { SourceVocabulary, vocabularyOf } from "../core/source-vocabulary";
import { AccountFact, BackupStore, ProtectionRoute, RouteView, describeAccount, describeRegion } from "../core/protection-model";
import { CommonRuleConfig, defineRule } from "../core/rule";
import { AWS_BACKUP_ROUTE_TYPES, NATIVE_COPY_TYPES } from "./applies-to";
import { accountsNamed, fewNames, placeName, routeSentence } from "./route-names";
import { Issue, reportAcrossViews, reportUnreadableRoute } from "./route-verdicts";

const ID = "backup-copy-residency";

/** Config of backup-copy-residency. */
export interface CopyResidencyConfig extends CommonRuleConfig {
  /** Region globs (`eu-*`); empty = regions are not checked. */
  readonly allowedRegions: readonly string[];
  /** 12-digit account ids or globs; empty = accounts are not checked. */
  readonly allowedAccounts: readonly string[];
}

/** A place a route keeps data in, as judged: the store and how messages name it. */
interface Destination {
  readonly what: string;
  readonly store: BackupStore;
}

type Verdict = "allowed" | "outside" | "undecided";

const RESIDENCY =
  "Where backups are kept is a commitment to the data's owner (contracts, rules on transfers of personal data, the data locations DORA asks financial entities to record): a copy moved elsewhere breaks it without anyone noticing.";
/** AWS region names (`eu-west-3`) and OVHcloud sites (`GRA`, `PAR`), or globs of them; matched ignoring case. */
const REGION_PATTERN = "^[A-Za-z0-9*?-]+$";
/**
 * A 12-digit AWS account id or a glob of digits (a mistyped id, e.g. 11 digits, is refused), or an account
 * name with at least one letter: an OVHcloud account as named in `backup-guard:ovhAccounts` (a NIC handle
 * such as `ab12345-ovh`), or a glob of such names.
 */
const ACCOUNT_PATTERN = "^([0-9]{12}|[0-9*?]*[*?][0-9*?]*|(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9*?][A-Za-z0-9.*?-]*)$";

function listed(patterns: readonly string[]): string {
  return patterns.map((p) => `"${p}"`).join(", ");
}

function regionVerdict(region: BackupStore["placement"]["region"], allowed: readonly string[]): Verdict {
  if (region.state !== "known") return "undecided";
  // AWS region names are lowercase and OVHcloud site codes uppercase: a region is a region whatever its case.
  const value = region.value.toLowerCase();
  return allowed.some((pattern) => globMatch(pattern.toLowerCase(), value)) ? "allowed" : "outside";
}

function accountVerdict(account: AccountFact, allowed: readonly string[]): Verdict {
  if (account.state !== "known" || account.accountIds.length === 0) return "undecided";
  const fits = account.accountIds.map((id) => allowed.some((pattern) => globMatch(pattern, id)));
  if (fits.every(Boolean)) return "allowed";
  return fits.some(Boolean) ? "undecided" : "outside";
}

/** Every place the route keeps data in: the source vault of an AWS Backup route, and every copy. */
function destinationsOf(route: ProtectionRoute, view: RouteView): Destination[] {
  const out: Destination[] = [];
  // A native route's source is the primary itself, whose place is not a copy's.
  if (route.kind !== "native-copy") out.push({ what: `recovery points in source ${view.source.label}`, store: view.source });
  for (const copy of view.copies) out.push({ what: `${copy.label} → ${copy.store.label}`, store: copy.store });
  return out;
}

/** A place that could not be judged, with how its reference was resolved unless that is already said. */
function withEvidence(text: string, store: BackupStore): string {
  return text.includes(store.resolvedVia) ? text : `${text}; ${store.resolvedVia}`;
}

function fixRegion(native: boolean, vocabulary: SourceVocabulary): string {
  const provider = vocabulary.providerForRegion("eu", "eu-central-1");
  return native
    ? `Create the destination (replica bucket, replica file system, snapshot copy) through a provider for an allowed region (e.g. ${provider}) or set its region input, destination.region or the DLM rule's target to an allowed region`
    : `Create the vault through a provider for an allowed region (e.g. ${provider}) or set its region input, or use a literal destination ARN in an allowed region`;
}

function fixAccount(native: boolean, vocabulary: SourceVocabulary): string {
  return native
    ? `Send the copy into an allowed account: create the destination through a provider that ${vocabulary.accountSettings} (for S3 replication, also set destination.account to that account)`
    : `Send the copy into a vault of an allowed account: create the vault through a provider that ${vocabulary.accountSettings}, or use a literal destination ARN in an allowed account`;
}

function judgeView(route: ProtectionRoute, view: RouteView, config: CopyResidencyConfig, vocabulary: SourceVocabulary): Issue[] {
  const native = route.kind === "native-copy";
  const kept = native ? "copies" : "backups";
  const base = { urn: route.urn, subject: route.subject };
  /** Each issue with its first sentence apart, so that a note can follow it. */
  const issues: Array<Omit<Issue, "message"> & { readonly first: string; readonly rest: string }> = [];
  const destinations = destinationsOf(route, view);
  const say = (sentence: (name: string) => string): string => routeSentence(route, sentence);

  if (config.allowedRegions.length > 0) {
    const allowed = `the allowed regions (allowedRegions: ${listed(config.allowedRegions)})`;
    const outside: string[] = [];
    const outsidePlaces: string[] = [];
    const open: string[] = [];
    for (const d of destinations) {
      const verdict = regionVerdict(d.store.placement.region, config.allowedRegions);
      if (verdict === "outside") outsidePlaces.push(placeName(d.store.placement.region));
      if (verdict === "outside") outside.push(`${d.what} in ${describeRegion(d.store.placement.region)}`);
      if (verdict === "undecided") open.push(withEvidence(`${d.what} in ${describeRegion(d.store.placement.region)}`, d.store));
    }
    if (outside.length > 0) {
      issues.push({
        ...base,
        outcome: "violation",
        code: "copy-outside-allowed-regions",
        first: say((name) => `${name} keeps ${kept} in ${fewNames(outsidePlaces)}, outside the allowed regions.`),
        rest: ` Outside ${allowed}: ${outside.join("; ")}. ${RESIDENCY} ${fixRegion(native, vocabulary)}; if the region is approved, add it to allowedRegions.`,
      });
    }
    if (open.length > 0) {
      issues.push({
        ...base,
        outcome: "unresolved",
        code: "unresolved-region",
        first: say((name) => `cannot prove that ${name} keeps ${kept} in the allowed regions.`),
        rest:
          ` Undecided for ${allowed}: ${open.join("; ")}. ` +
          (native
            ? "Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack."
            : "Give the vault a provider with an explicit region, or use a literal destination ARN."),
      });
    }
  }

  if (config.allowedAccounts.length > 0) {
    const allowed = `the allowed accounts (allowedAccounts: ${listed(config.allowedAccounts)})`;
    const outside: string[] = [];
    const outsideAccounts: string[] = [];
    const open: string[] = [];
    for (const d of destinations) {
      const account = d.store.placement.account;
      const verdict = accountVerdict(account, config.allowedAccounts);
      if (verdict === "outside" && account.state === "known") outsideAccounts.push(...account.accountIds);
      if (verdict === "outside") outside.push(`${d.what} in ${describeAccount(account)}`);
      if (verdict === "undecided") open.push(withEvidence(`${d.what} in ${describeAccount(account)}${account.state === "known" ? ", not all of them allowed" : ""}`, d.store));
    }
    if (outside.length > 0) {
      issues.push({
        ...base,
        outcome: "violation",
        code: "copy-outside-allowed-accounts",
        first: say((name) => `${name} keeps ${kept} in ${accountsNamed(outsideAccounts)}, outside the allowed accounts.`),
        rest:
          ` Outside ${allowed}: ${outside.join("; ")}. ` +
          "Whoever administers that account can read, move or delete the copies: data handed to another account or provider without consent is data out of control. " +
          `${fixAccount(native, vocabulary)}; if the account is approved, add it to allowedAccounts.`,
      });
    }
    if (open.length > 0) {
      issues.push({
        ...base,
        outcome: "unresolved",
        code: "unresolved-account",
        first: say((name) => `cannot prove that ${name} keeps ${kept} in the allowed accounts.`),
        rest:
          ` Undecided for ${allowed}: ${open.join("; ")}. ` +
          `Pin the account: ${vocabulary.pinAccounts}` +
          (native ? "." : ", or use a literal destination ARN."),
      });
    }
  }

  // A route that may not exist: where it would copy cannot be decided yet (said right after the first sentence).
  const conditional = route.conditional;
  return issues.map(({ first, rest, ...issue }) =>
    conditional === undefined
      ? { ...issue, message: `${first}${rest}` }
      : { ...issue, outcome: "unresolved" as const, message: `${first} This holds only if the route is in effect, which it may not be (${conditional}).${rest}` },
  );
}

/** Every copy of backups and data stays in the regions and accounts the organisation allows. */
export const backupCopyResidency = defineRule<CopyResidencyConfig>({
  meta: {
    id: ID,
    title: "Copies stay in allowed regions and accounts",
    description:
      "Every place a deployment keeps backups or copies of data must be in a region matching one of `allowedRegions` (glob patterns such as `eu-*`) and in an account matching one of `allowedAccounts`: the source vault of each AWS Backup plan rule, each of its copy actions' destination vaults (and a logically air-gapped target), and the destination of every native copy (S3 replication, RDS automated-backup replication, RDS/Aurora and EBS snapshot copies, DLM cross-region and cross-account copies, EFS replication). Regions and accounts are read from the destination's own region input, its provider (region, assumeRoles, allowedAccountIds), the stack config, or a literal ARN. A copy whose region or account cannot be resolved before the deployment is unresolved. With both lists empty (the default) the policy does nothing; an empty list leaves that dimension unchecked.",
    rationale:
      "A hosting provider once moved a client's data to another provider in another country without its consent: the copies ended up where they had no right to be. Where backups are kept is a contractual and regulatory commitment (data residency, transfers of personal data, registers of data locations); a copy action or replica pointed at the wrong region or account breaks it silently, and nobody looks at backups until they are needed.",
    severity: "high",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 30(2)(b)", title: "Contractual provisions: the regions or countries where data is processed and stored" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 28(3)", title: "Register of information on contractual arrangements for ICT services" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(d)", title: "Supply chain security" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.5.34", title: "Privacy and protection of personal identifiable information" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-6", title: "Alternate storage site" },
      { name: "SOC 2", version: "2017 TSC", reference: "C1.1", title: "Confidential information is identified and maintained to meet confidentiality objectives" },
      { name: "SOC 2", version: "2017 TSC", reference: "CC9.2", title: "Risks associated with vendors and business partners are assessed and managed" },
    ],
    remediation: [
      "Configure the policy with the regions and accounts the data may be kept in, e.g. `allowedRegions: [\"eu-*\"]`, `allowedAccounts: [\"222222222222\"]`.",
      "Create destination vaults, replica buckets and file systems through a provider for an allowed region and account: `new aws.Provider(\"eu-backup\", { region: \"eu-central-1\", assumeRoles: [{ roleArn: \"arn:aws:iam::222222222222:role/backup-admin\" }] })`.",
      "For destinations outside the stack, use literal ARNs (`arn:aws:backup:eu-central-1:222222222222:backup-vault:dr`) so that region and account can be checked before the deployment.",
      "Pin the account of providers that use ambient credentials with `allowedAccountIds` (or stack config `aws:allowedAccountIds`).",
    ],
    appliesTo: [...AWS_BACKUP_ROUTE_TYPES, ...NATIVE_COPY_TYPES],
    limits: [
      "A destination vault outside the stack is known only by its ARN: one referenced by a value unknown in preview that no in-stack resource explains is unresolved.",
      "S3 bucket ARNs carry no region or account: a replica bucket outside the stack is unresolved unless the rule's destination.account names the account (the region stays unknown).",
      "The primaries themselves are not judged: the policy covers where backups and copies go, not where the live data is.",
      "Copies made outside the deployment (AWS Backup copy jobs started by hand, organisation-wide backup policies, other stacks) are not seen.",
      "Account globs are matched against 12-digit AWS account ids and the OVHcloud account names of `backup-guard:ovhAccounts`; AWS Organizations OUs are not resolved.",
    ],
    config: {
      allowedRegions: {
        type: "array",
        items: { type: "string", pattern: REGION_PATTERN, description: "An AWS region or OVHcloud site (`GRA`, `PAR`; case is ignored), or a glob with `*` and `?`, e.g. `eu-*`." },
        uniqueItems: true,
        default: [],
        description:
          "Regions backups and copies may be kept in: AWS region names or OVHcloud sites (`GRA`, `PAR`; case is ignored), or globs with `*` and `?` (e.g. `[\"eu-*\"]`, `[\"eu-central-1\", \"eu-west-?\"]`). Empty (default): regions are not checked.",
      },
      allowedAccounts: {
        type: "array",
        items: { type: "string", pattern: ACCOUNT_PATTERN, description: "A 12-digit AWS account id, an OVHcloud account as named in `backup-guard:ovhAccounts` (e.g. `ab12345-ovh`), or a glob with `*` and `?`." },
        uniqueItems: true,
        default: [],
        description:
          "Accounts backups and copies may be kept in: 12-digit AWS account ids or globs with `*` and `?`. Empty (default): accounts are not checked.",
      },
    },
  },
  check(model, context) {
    const config = context.config;
    if (config.allowedRegions.length === 0 && config.allowedAccounts.length === 0) return;
    const lists = [
      ...(config.allowedRegions.length > 0 ? [`regions ${listed(config.allowedRegions)}`] : []),
      ...(config.allowedAccounts.length > 0 ? [`accounts ${listed(config.allowedAccounts)}`] : []),
    ];
    const requirement = `Backups and copies must stay in the allowed ${lists.join(" and ")}; give their destinations literal values so that they can be checked before the deployment runs.`;
    for (const route of model.routes) {
      if (reportUnreadableRoute(route, context, requirement, false)) continue;
      reportAcrossViews(ID, route, context, (view) => judgeView(route, view, config, vocabularyOf(model)));
    }
  },
});
