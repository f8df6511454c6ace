import { Fact, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { AccountFact, Placement, ZoneFact, multiZone } from "../core/protection-model";
import { PropertyPath, formatPath, readString } from "../core/raw-values";
import { SourceVocabulary, vocabularyOf } from "../core/source-vocabulary";
import { OvhAccounts, ovhAccounts } from "./accounts";
import { siteOfCode } from "./sites";

/** Codes a user can write, for messages about a code that is not known. */
const KNOWN_CODES = "GRA, SBG, RBX, BHS, DE, UK, WAW, SGP, SYD, EU-WEST-PAR, EU-SOUTH-MIL, with or without digits";

/**
 * Where OVHcloud resources are. The provider has no region setting: every resource names its own
 * region code, which is normalised to a *site* (the failure domain; see sites.ts). The account is the
 * OVHcloud account owning the resource's project (`serviceName`), from stack config
 * `backup-guard:ovhAccounts`; two resources of one project are always in one account.
 */
export class OvhPlacement {
  private readonly accounts: OvhAccounts;
  /** How the program the stack came from names settings and declarations, for evidence and fixes. */
  readonly words: SourceVocabulary;

  constructor(
    stackConfig: Readonly<Record<string, string>>,
    private readonly index: StackIndex,
  ) {
    this.accounts = ovhAccounts(stackConfig);
    this.words = vocabularyOf(index.stack);
  }

  /** The site of the region code at `path` of the resource (fail closed on codes not in the table). */
  site(resource: PlannedResource, path: PropertyPath): Fact<string> {
    return siteFact(readString(resource.props, path));
  }

  /** A resource's placement from the region code at `path` (and its `availabilityZone`, if any). */
  placement(resource: PlannedResource, path: PropertyPath, zonePath?: PropertyPath): Placement {
    const code = readString(resource.props, path);
    return { region: siteFact(code), account: this.account(resource), zone: this.zone(resource, code, zonePath) };
  }

  /** A placement at a region code written somewhere else (a backup region, a replication destination). */
  placementAt(code: Fact<string>, account: AccountFact): Placement {
    return { region: siteFact(code), account, zone: zoneOfCode(code) };
  }

  private zone(resource: PlannedResource, code: Fact<string>, zonePath: PropertyPath | undefined): ZoneFact {
    if (zonePath !== undefined) {
      const zone = readString(resource.props, zonePath);
      if (zone.state === "known") return { state: "single-zone", zone, basis: formatPath(zonePath) };
      if (zone.state === "unknown") return { state: "unknown", basis: zone.basis };
    }
    return zoneOfCode(code);
  }

  /** The account of the resource's project. */
  account(resource: PlannedResource): AccountFact {
    if (!this.accounts.ok) return { state: "unknown", basis: this.accounts.error };
    const project = readString(resource.props, ["serviceName"]);
    if (project.state === "known") {
      const account = this.accounts.accountOf.get(project.value);
      if (account !== undefined) return { state: "known", accountIds: [account], basis: `project ${project.value} is in ${account} per ${this.words.ovhAccounts}` };
      return { state: "principal", key: `ovh-project:${project.value}`, basis: `OVHcloud project ${project.value}, whose account ${this.words.ovhAccounts} does not name` };
    }
    if (project.state === "absent") {
      return { state: "principal", key: "ovh-project:default", basis: `the OVHcloud project of OVH_CLOUD_PROJECT_SERVICE (${this.words.setting("serviceName")} not set)` };
    }
    // Unknown in preview: a project created or read in this program is still one project.
    const [origin] = this.index.dependenciesOf(resource, "serviceName");
    if (origin !== undefined) return { state: "principal", key: `ovh-project-of:${origin.urn}`, basis: `the OVHcloud project of ${origin.type.split(":").pop() ?? "resource"} "${origin.name}"` };
    return { state: "unknown", basis: `${this.words.setting("serviceName")} unknown during preview` };
  }
}

/** The site of a region code. */
export function siteFact(code: Fact<string>): Fact<string> {
  if (code.state === "absent") return unknown(`${code.basis}, so the site cannot be told`);
  if (code.state === "unknown") return code;
  const found = siteOfCode(code.value);
  if (found === undefined) {
    return unknown(`${code.basis} "${code.value}" is not a known OVHcloud region code (${KNOWN_CODES}), so its site cannot be told`);
  }
  return known(found.site.key, `${code.basis} "${code.value}": ${found.site.name}`);
}

/** A 1-AZ site is one zone; a 3-AZ region spans three unless the code names one of them. */
function zoneOfCode(code: Fact<string>): ZoneFact {
  if (code.state !== "known") return { state: "unknown", basis: code.basis };
  const found = siteOfCode(code.value);
  if (found === undefined) return { state: "unknown", basis: `"${code.value}" is not a known OVHcloud region code` };
  if (found.zone !== undefined) return { state: "single-zone", zone: known(found.zone, code.basis), basis: "one zone of a 3-AZ region" };
  if (found.site.multiZone) return multiZone("a 3-AZ region");
  return { state: "single-zone", zone: known(found.site.key, code.basis), basis: "a 1-AZ site" };
}
