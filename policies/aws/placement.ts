import { Fact, known, unknown } from "../core/facts";
import { JsonObject, JsonValue } from "../core/json";
import { PlannedProvider, PlannedResource, StackIndex } from "../core/planned-stack";
import { AccountFact, Placement } from "../core/protection-model";
import { readJsonEncoded, readString } from "../core/raw-values";
import { SECRET_SIG, SPECIAL_SIG_KEY, isUnknown } from "../core/unknowns";
import { accountOfRoleArn, parseArn } from "./arn";
import { AWS_TYPES } from "./type-tokens";
import { awsZoneOf } from "./zones";

/** Provider settings that decide which credentials, hence which account, a provider uses. */
const CREDENTIAL_SETTINGS = [
  "profile",
  "accessKey",
  "secretKey",
  "token",
  "sharedCredentialsFiles",
  "sharedConfigFiles",
  "assumeRoleWithWebIdentity",
  "stsRegion",
  "endpoints",
] as const;

/** The provider a resource is managed by, as far as placement is concerned. */
interface ProviderView {
  readonly label: string;
  readonly props: JsonObject;
  readonly isDefault: boolean;
  /** Memoised identity and allowedAccountIds (see AwsPlacement.identity / allowedAccounts). */
  identity?: AccountFact;
  allowed?: AccountFact | { readonly state: "absent" };
  /** Memoised region (see AwsPlacement.providerRegion): resources of one provider share the fact. */
  region?: Fact<string>;
  /** Memoised account of the provider's resources without an account of their own (cleared when accounts are learnt). */
  account?: AccountFact;
  /** Whether learnAccounts has taken its `allowedAccountIds` as a witness already. */
  pinnedWitnessed?: boolean;
}

function isSecret(props: JsonObject): boolean {
  return props[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** True when `readString(props, [key])` is surely absent: plain (not secret-wrapped) properties without the key, or with null. */
function plainlyUnset(props: JsonObject, key: "region" | "arn"): boolean {
  return props[key] == null && !isSecret(props);
}

function isDefaultProvider(provider: PlannedProvider | undefined): boolean {
  // The engine names default providers `default` or `default_<major>_<minor>_<patch>`.
  return provider === undefined || /^default(_[0-9A-Za-z_.+-]+)?$/.test(provider.name);
}

function viewOf(provider: PlannedProvider | undefined, defaultConfig: JsonObject): ProviderView {
  if (isDefaultProvider(provider)) {
    // The engine builds the default provider's inputs from the `aws:*` stack config; fill in from the
    // stack config the pack sees when the provider is missing (e.g. a state file analysed offline).
    return {
      label: provider ? `default provider ${provider.name}` : "default provider",
      props: { ...defaultConfig, ...(provider?.props ?? {}) },
      isDefault: true,
    };
  }
  return { label: `provider ${provider?.name ?? "?"}`, props: provider?.props ?? {}, isDefault: false };
}

/**
 * Resolves where AWS resources are: region = the resource's `region` input > its provider's `region`
 * > stack config `aws:region` (default provider only); account = the resource's own ARN > its
 * provider's `assumeRoles[-1].roleArn` > `allowedAccountIds` > "same credentials as ...".
 */
export class AwsPlacement {
  private readonly defaultConfig: JsonObject;
  /** Accounts learnt for credentials without account settings: principal key -> account and evidence. */
  private readonly witnesses = new Map<string, { accountIds: string[]; basis: string } | "conflict">();
  /** Each provider's view (with its identity, worked out once): resources of one provider share its object. */
  private readonly views = new Map<PlannedProvider | undefined, ProviderView>();
  /** Each resource's placement, worked out once (the model asks for a store's several times); cleared when accounts are learnt. */
  private placements = new WeakMap<PlannedResource, Placement>();

  /** @param stackConfig stack configuration, `aws:region` -> value, as the pack receives it. */
  constructor(
    stackConfig: Readonly<Record<string, string>>,
    private readonly index?: StackIndex,
  ) {
    const config: JsonObject = {};
    for (const [key, value] of Object.entries(stackConfig)) {
      if (key.startsWith("aws:")) config[key.slice(4)] = value;
    }
    this.defaultConfig = config;
  }

  private providerOf(resource: PlannedResource): ProviderView {
    const provider = resource.provider;
    let view = this.views.get(provider);
    if (!view) {
      view = viewOf(provider, this.defaultConfig);
      this.views.set(provider, view);
    }
    return view;
  }

  /** The region a resource is (or will be) in. */
  region(resource: PlannedResource): Fact<string> {
    // Most resources leave `region` to their provider: no fact is built for that.
    if (plainlyUnset(resource.props, "region")) return this.providerRegion(this.providerOf(resource));
    const own = readString(resource.props, ["region"]);
    if (own.state === "known") return known(own.value, `region input of ${resource.name}`);
    if (own.state === "unknown") {
      const derived = (resource.propertyDependencies["region"] ?? []).length > 0;
      // In planned outputs a computed `region` defaults to the provider's; only an input computed from
      // another resource (or one seen in `Analyze`, where dependencies are not sent) stays unknown.
      if (derived || resource.origin === "inputs") {
        return unknown(`region input of ${resource.name} is unknown during preview`);
      }
    }
    return this.providerRegion(this.providerOf(resource));
  }

  private providerRegion(provider: ProviderView): Fact<string> {
    provider.region ??= this.readProviderRegion(provider);
    return provider.region;
  }

  private readProviderRegion(provider: ProviderView): Fact<string> {
    const region = readString(provider.props, ["region"]);
    if (region.state === "known" && region.value !== "") {
      return known(region.value, provider.isDefault ? `${provider.label}, stack config aws:region` : `${provider.label} region`);
    }
    if (region.state === "unknown") return unknown(`the region of ${provider.label} is unknown during preview`);
    return provider.isDefault
      ? unknown(`no aws:region in stack config: the ${provider.label} would use AWS_REGION of the deploying environment`)
      : unknown(`${provider.label} sets no region: it would use AWS_REGION of the deploying environment`);
  }

  /** The account a resource is (or will be) in. */
  account(resource: PlannedResource): AccountFact {
    const own = this.ownAccount(resource);
    if (own) return own;
    const provider = this.providerOf(resource);
    provider.account ??= this.witnessedAccount(this.providerAccount(provider));
    return provider.account;
  }

  /** A provider's account, or the account learnt for its credentials. */
  private witnessedAccount(account: AccountFact): AccountFact {
    if (account.state === "principal") {
      const witness = this.witnesses.get(account.key);
      if (witness && witness !== "conflict") return { state: "known", accountIds: witness.accountIds, basis: witness.basis };
    }
    return account;
  }

  private ownAccount(resource: PlannedResource): AccountFact | undefined {
    // Planned resources mostly have no ARN before the deployment: no fact is built for them.
    if (plainlyUnset(resource.props, "arn") || (isUnknown(resource.props["arn"]) && !isSecret(resource.props))) return undefined;
    const arn = readString(resource.props, ["arn"]);
    if (arn.state !== "known") return undefined;
    const parsed = parseArn(arn.value);
    if (!parsed || parsed.account === "") return undefined;
    return { state: "known", accountIds: [parsed.account], basis: `ARN of ${resource.name}` };
  }

  /**
   * Learns the account of credentials that carry no account setting from resources deployed with them
   * whose account is written literally: a provider's `allowedAccountIds` (the provider refuses to run
   * with credentials of any other account, so every provider with the same identity settings is in
   * that account too), a resource's own known ARN, or a backup selection's `iamRoleArn` (AWS Backup
   * assumes that role in the selection's own account). Two different accounts for the same credentials
   * teach nothing.
   */
  learnAccounts(resources: readonly PlannedResource[]): void {
    // An index loop: it visits every resource of the stack, and for..of allocates an iterator result per resource until optimised.
    for (let i = 0; i < resources.length; i++) {
      const resource = resources[i];
      const provider = this.providerOf(resource);
      const identity = this.identity(provider);
      if (identity.state !== "principal") continue;
      const pinned = this.allowedAccounts(provider);
      // The same witness for every resource of a provider: taken once.
      if (pinned.state === "known" && !provider.pinnedWitnessed) {
        provider.pinnedWitnessed = true;
        this.witness(identity.key, { accountIds: [...pinned.accountIds], basis: `same credentials as ${pinned.basis}` });
      }
      let learnt: { accountIds: string[]; basis: string } | undefined;
      const own = this.ownAccount(resource);
      if (own && own.state === "known") learnt = { accountIds: [...own.accountIds], basis: `${own.basis}, deployed with the same credentials` };
      if (!learnt && resource.type === AWS_TYPES.backupSelection) {
        const role = readString(resource.props, ["iamRoleArn"]);
        const id = role.state === "known" ? accountOfRoleArn(role.value) : undefined;
        if (id) learnt = { accountIds: [id], basis: `iamRoleArn of backup selection ${resource.name}, deployed with the same credentials` };
      }
      if (learnt) this.witness(identity.key, learnt);
    }
    // What was worked out before depends on what has just been learnt.
    this.placements = new WeakMap();
    for (const view of this.views.values()) view.account = undefined;
  }

  private witness(key: string, learnt: { accountIds: string[]; basis: string }): void {
    const previous = this.witnesses.get(key);
    if (previous === undefined) this.witnesses.set(key, learnt);
    else if (previous !== "conflict" && previous.accountIds.join() !== learnt.accountIds.join()) this.witnesses.set(key, "conflict");
  }

  /**
   * Which identity a provider acts as: an assumed role (whose ARN names the account), or the
   * credentials its identity settings select (`principal`: two providers with the same settings, e.g.
   * none at all, use the same ambient credentials, whatever their region). Any identity setting unknown
   * during preview makes the identity unknown.
   */
  private identity(provider: ProviderView): AccountFact {
    provider.identity ??= this.readIdentity(provider);
    return provider.identity;
  }

  private readIdentity(provider: ProviderView): AccountFact {
    const props = provider.props;
    const roles = readJsonEncoded(props, ["assumeRoles"]);
    if (roles.state === "unknown") return { state: "unknown", basis: `assumeRoles of ${provider.label} unknown during preview` };
    const chain: JsonValue[] = roles.state === "known" && Array.isArray(roles.value) ? roles.value : [];
    const single = readJsonEncoded(props, ["assumeRole"]);
    if (single.state === "unknown") return { state: "unknown", basis: `assumeRole of ${provider.label} unknown during preview` };
    if (single.state === "known" && chain.length === 0) chain.push(single.value);
    if (chain.length > 0) {
      // The last role of the chain is the identity the provider ends up with.
      const index = chain.length - 1;
      const roleArn = readString(chain[index], ["roleArn"]);
      if (roleArn.state === "known") {
        const account = accountOfRoleArn(roleArn.value);
        if (account) {
          return { state: "known", accountIds: [account], basis: `${provider.label} assumeRoles[${index}].roleArn` };
        }
        return { state: "unknown", basis: `${provider.label} assumes role "${roleArn.value}", which is not an IAM role ARN` };
      }
      if (roleArn.state === "unknown") {
        return { state: "unknown", basis: `the role ${provider.label} assumes is unknown during preview` };
      }
    }
    const fingerprint: Record<string, JsonValue> = {};
    for (const setting of CREDENTIAL_SETTINGS) {
      const value = props[setting];
      if (value === undefined || value === null || value === "") continue;
      if (isUnknown(value)) return { state: "unknown", basis: `${setting} of ${provider.label} unknown during preview` };
      fingerprint[setting] = value;
    }
    const key = JSON.stringify(fingerprint);
    const source = Object.keys(fingerprint).length === 0 ? "ambient credentials" : `credentials ${Object.keys(fingerprint).join(", ")}`;
    return { state: "principal", key, basis: `${provider.label} with ${source}, no assumeRoles or allowedAccountIds` };
  }

  /** The accounts a provider's `allowedAccountIds` restrict it to (`absent` when it sets none). */
  private allowedAccounts(provider: ProviderView): AccountFact | { readonly state: "absent" } {
    provider.allowed ??= this.readAllowedAccounts(provider);
    return provider.allowed;
  }

  private readAllowedAccounts(provider: ProviderView): AccountFact | { readonly state: "absent" } {
    const allowed = readJsonEncoded(provider.props, ["allowedAccountIds"]);
    if (allowed.state === "unknown") return { state: "unknown", basis: `allowedAccountIds of ${provider.label} unknown during preview` };
    if (allowed.state === "known" && Array.isArray(allowed.value)) {
      const ids = allowed.value.filter((v): v is string => typeof v === "string" && /^\d{12}$/.test(v));
      if (ids.length > 0) return { state: "known", accountIds: ids, basis: `${provider.label} allowedAccountIds` };
    }
    return { state: "absent" };
  }

  private providerAccount(provider: ProviderView): AccountFact {
    const identity = this.identity(provider);
    if (identity.state === "known") return identity;
    const allowed = this.allowedAccounts(provider);
    if (allowed.state !== "absent") return allowed;
    return identity;
  }

  /** Region, account and zones of a resource. */
  placement(resource: PlannedResource): Placement {
    let placement = this.placements.get(resource);
    if (!placement) {
      placement = { region: this.region(resource), account: this.account(resource), zone: awsZoneOf(resource, this.index) };
      this.placements.set(resource, placement);
    }
    return placement;
  }

}
