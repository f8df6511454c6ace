import { KeyFact } from "../core/data-stores";
import { Fact, absent, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { BackupStore, ImmutabilityControl, Immutability, Placement, describeAccount, describeRegion, mayShare, multiZone } from "../core/protection-model";
import { readNumber, readString } from "../core/raw-values";
import { vaultEncryptionKey } from "./encryption-keys";
import { ExternalVault, declaredImmutability } from "./external-vaults";
import { AwsPlacement } from "./placement";
import { AWS_TYPES } from "./type-tokens";

/** An AWS Backup vault declared in the stack. */
export interface VaultNode {
  readonly resource: PlannedResource;
  readonly airGapped: boolean;
  readonly name: Fact<string>;
  readonly arn: Fact<string>;
  readonly placement: Placement;
  readonly immutability: Immutability;
  readonly encryptionKey: KeyFact;
}

/** A vault lock declared in the stack. */
interface LockNode {
  readonly resource: PlannedResource;
  readonly vaultName: Fact<string>;
  readonly vaultUrns: readonly string[];
  readonly placement: Placement;
  readonly control: ImmutabilityControl;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}


function lockMode(resource: PlannedResource): Fact<"compliance" | "governance"> {
  const changeable = readNumber(resource.props, ["changeableForDays"]);
  if (changeable.state === "known") return known("compliance", `changeableForDays = ${changeable.value}`);
  if (changeable.state === "absent") return known("governance", "changeableForDays not set");
  return unknown(changeable.basis);
}

/** The vaults and vault locks of a stack, and how each vault is protected. */
export class BackupVaults {
  readonly vaults: readonly VaultNode[];
  readonly controls: readonly ImmutabilityControl[];
  private readonly locks: readonly LockNode[];
  private readonly nodes = new Map<PlannedResource, VaultNode>();
  private readonly vaultsByName = new Map<string, VaultNode[]>();
  private readonly vaultsByArn = new Map<string, VaultNode[]>();
  /** In-stack vaults whose name is unknown during preview: any literal name may be theirs. */
  private readonly unnamed: VaultNode[] = [];
  private readonly locksByVaultUrn = new Map<string, LockNode[]>();
  private readonly locksByName = new Map<string, LockNode[]>();

  /** False when one resource is analysed alone: a vault it names may well be in the stack. */
  private readonly wholeStack: boolean;

  /**
   * @param declared vaults outside the stack that the organisation vouches for (`backup-external-vaults`);
   * used in whole-stack analyses only, where a vault they name is known not to be declared in the stack.
   */
  constructor(
    index: StackIndex,
    placement: AwsPlacement,
    private readonly declared: readonly ExternalVault[] = [],
  ) {
    this.wholeStack = index.stack.scope === "stack";
    this.locks = index.ofTypes([AWS_TYPES.backupVaultLockConfiguration]).map((resource) => {
      const control: ImmutabilityControl = {
        urn: resource.urn,
        label: `vault lock "${resource.name}"`,
        mode: lockMode(resource),
        minRetentionDays: readNumber(resource.props, ["minRetentionDays"]),
        maxRetentionDays: readNumber(resource.props, ["maxRetentionDays"]),
      };
      return {
        resource,
        vaultName: readString(resource.props, ["backupVaultName"]),
        vaultUrns: resource.propertyDependencies["backupVaultName"] ?? [],
        placement: placement.placement(resource),
        control,
      };
    });
    const vaults: VaultNode[] = [];
    const controls: ImmutabilityControl[] = this.locks.map((lock) => lock.control);
    for (const lock of this.locks) {
      for (const urn of lock.vaultUrns) pushTo(this.locksByVaultUrn, urn, lock);
      if (lock.vaultName.state === "known") pushTo(this.locksByName, lock.vaultName.value, lock);
    }
    for (const resource of index.ofTypes([AWS_TYPES.backupVault, AWS_TYPES.backupLogicallyAirGappedVault])) {
      const airGapped = resource.type === AWS_TYPES.backupLogicallyAirGappedVault;
      const name = readString(resource.props, ["name"]);
      const node = {
        resource,
        airGapped,
        name: name.state === "absent" ? unknown(`vault ${resource.name} is auto-named by the provider`) : name,
        arn: readString(resource.props, ["arn"]),
        placement: placement.placement(resource),
        encryptionKey: vaultEncryptionKey(index, placement, resource),
      };
      let immutability: Immutability;
      if (airGapped) {
        const minRetentionDays = readNumber(resource.props, ["minRetentionDays"]);
        const maxRetentionDays = readNumber(resource.props, ["maxRetentionDays"]);
        immutability = { state: "immutable-by-design", minRetentionDays, maxRetentionDays };
        controls.push({
          urn: resource.urn,
          label: `logically air-gapped vault "${resource.name}"`,
          mode: known("compliance", "logically air-gapped vaults are immutable by design"),
          minRetentionDays,
          maxRetentionDays,
        });
      } else {
        // A lock names its vault only by name (a reference passes the name): it acts in its own provider's region
        // and account, so a lock made elsewhere locks a vault of that name there (or fails), never this one.
        const referencing = this.locksByVaultUrn.get(resource.urn) ?? [];
        const byUrn = referencing.filter((lock) => mayShare(lock.placement, node.placement));
        const elsewhere = referencing.filter((lock) => !byUrn.includes(lock));
        const byName =
          node.name.state === "known"
            ? (this.locksByName.get(node.name.value) ?? []).filter((lock) => lock.vaultUrns.length === 0 && mayShare(lock.placement, node.placement))
            : [];
        const none =
          `no aws.backup.VaultLockConfiguration in this stack locks vault "${resource.name}"` +
          elsewhere.map((lock) => `; ${lock.control.label} takes its name but is created in ${placeOf(lock.placement)}, not in the vault's ${placeOf(node.placement)}, so it would lock a vault of that name there`).join("");
        immutability = this.lockOf([...byUrn, ...byName], none);
      }
      const vault: VaultNode = { ...node, immutability };
      vaults.push(vault);
      this.nodes.set(resource, vault);
      if (vault.name.state === "known") pushTo(this.vaultsByName, vault.name.value, vault);
      if (vault.name.state === "unknown") this.unnamed.push(vault);
      if (vault.arn.state === "known") pushTo(this.vaultsByArn, vault.arn.value, vault);
    }
    this.vaults = vaults;
    this.controls = controls;
  }

  private lockOf(locks: readonly LockNode[], noneBasis: string): Immutability {
    if (locks.length === 0) return { state: "none", basis: noneBasis };
    const compliance = locks.find((lock) => lock.control.mode.state === "known" && lock.control.mode.value === "compliance");
    if (compliance) {
      return {
        state: "compliance-lock",
        lockUrn: compliance.resource.urn,
        lockLabel: compliance.control.label,
        minRetentionDays: compliance.control.minRetentionDays ?? absent("not set"),
        maxRetentionDays: compliance.control.maxRetentionDays ?? absent("not set"),
      };
    }
    const governance = locks.find((lock) => lock.control.mode.state === "known");
    if (governance) {
      return { state: "governance-lock", lockUrn: governance.resource.urn, lockLabel: governance.control.label };
    }
    return { state: "unknown", basis: `the mode of ${locks[0].control.label} is unknown during preview` };
  }

  /** The in-stack vault node of a resource, if it is a vault. */
  nodeOf(resource: PlannedResource): VaultNode | undefined {
    return this.nodes.get(resource);
  }

  /** In-stack vaults with this name that may be at this placement. */
  byName(name: string, at: Placement, airGapped?: boolean): VaultNode[] {
    return (this.vaultsByName.get(name) ?? []).filter(
      (vault) => (airGapped === undefined || vault.airGapped === airGapped) && mayShare(vault.placement, at),
    );
  }

  /** In-stack vaults whose name is unknown during preview and that may be at this placement. */
  unnamedAt(at: Placement, airGapped?: boolean): VaultNode[] {
    return this.unnamed.filter((vault) => (airGapped === undefined || vault.airGapped === airGapped) && mayShare(vault.placement, at));
  }

  /** In-stack vaults whose ARN is known to be this one. */
  byArn(arn: string): VaultNode[] {
    return this.vaultsByArn.get(arn) ?? [];
  }

  /** A store for an in-stack vault. */
  storeOf(vault: VaultNode, resolvedVia: string, placement?: Placement): BackupStore {
    return {
      key: vault.resource.urn,
      label: `${vault.airGapped ? "logically air-gapped vault" : "vault"} "${vault.resource.name}"`,
      urn: vault.resource.urn,
      placement: placement ?? vault.placement,
      airGapped: known(vault.airGapped, `type ${vault.resource.type}`),
      immutability: vault.immutability,
      resolvedVia,
      encryptionKey: vault.encryptionKey,
    };
  }

  /** The declaration of a vault outside the stack: by its literal ARN, or by name in a known region and account. */
  private declarationOf(key: string, name: string, placement: Placement): ExternalVault | undefined {
    if (!this.wholeStack) return undefined;
    const byArn = this.declared.find((vault) => vault.arn === key);
    if (byArn) return byArn;
    const { region, account } = placement;
    if (region.state !== "known" || account.state !== "known" || account.accountIds.length !== 1) return undefined;
    return this.declared.find((vault) => vault.name === name && vault.region === region.value && vault.account === account.accountIds[0]);
  }

  /** A store for a vault that is not declared in this stack (known by name or ARN only). */
  externalStore(key: string, name: string, placement: Placement, airGapped: Fact<boolean>, resolvedVia: string): BackupStore {
    const declaration = this.declarationOf(key, name, placement);
    if (declaration) {
      return {
        key,
        label: `vault "${name}" (outside this stack)`,
        placement: {
          region: known(declaration.region, `ARN of ${declaration.basis}`),
          account: { state: "known", accountIds: [declaration.account], basis: `ARN of ${declaration.basis}` },
          zone: multiZone("backup vaults keep recovery points across the zones of their region"),
        },
        airGapped: known(declaration.airGapped, declaration.basis),
        immutability: declaredImmutability(declaration),
        resolvedVia: `${resolvedVia}, declared by ${declaration.basis}`,
        encryptionKey: { state: "unknown", basis: `vault "${name}" is not declared in this stack and ${declaration.basis} does not give its key` },
        declaration: { basis: declaration.basis, deniesDeletion: declaration.deniesDeletion },
      };
    }
    const locks = (this.locksByName.get(name) ?? []).filter((lock) => mayShare(lock.placement, placement));
    const immutability: Immutability =
      airGapped.state === "known" && airGapped.value
        ? { state: "immutable-by-design", minRetentionDays: absent("not declared in this stack"), maxRetentionDays: absent("not declared in this stack") }
        : locks.length > 0
          ? this.lockOf(locks, "")
          : {
              state: "unknown",
              basis: `vault "${name}" is not declared in this stack, so its lock cannot be seen (if it is the organisation's vault, declare it with its lock in the backup-external-vaults config)`,
            };
    return {
      key,
      label: this.wholeStack ? `vault "${name}" (outside this stack)` : `vault "${name}"`,
      placement,
      airGapped,
      immutability,
      resolvedVia,
      encryptionKey: { state: "unknown", basis: `vault "${name}" is not declared in this stack, so its key cannot be seen` },
    };
  }
}

/** Where a lock or vault is, for saying that two are apart: region and account. */
function placeOf(placement: Placement): string {
  return `${describeRegion(placement.region)}, ${describeAccount(placement.account)}`;
}
