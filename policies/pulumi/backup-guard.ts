import type { EnforcementLevel } from "@pulumi/policy";
import { EXEMPTIONS_POLICY_ID } from "../core/exemptions";
import { resolveRuleConfig } from "../core/rule-config";
import { RULES } from "../rules";
import { packEnvironment } from "./pack-args";
import { PolicyEnvironment, PolicySetup, ResourceAndStackPolicy, toPulumiPolicy } from "./pulumi-policy";

/** One policy's setting in a {@link BackupGuardConfig}: a level, or a level and the policy's settings. */
export type BackupGuardPolicyConfig = EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Readonly<Record<string, unknown>>);

/**
 * The same shape as a `--policy-pack-config` file or `pulumi policy enable --config`: policy name →
 * level or `{ enforcementLevel, ...settings }`, and `all` for the level of every policy.
 */
export type BackupGuardConfig = Readonly<Record<string, BackupGuardPolicyConfig>>;

/** Error thrown for a configuration that names no policy or that a policy refuses. */
export class BackupGuardConfigError extends Error {
  /** Creates the error with every problem found. */
  constructor(readonly problems: readonly string[]) {
    super(`invalid backup-guard configuration: ${problems.join("; ")}`);
    this.name = "BackupGuardConfigError";
  }
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function setupsOf(config: BackupGuardConfig): Map<string, PolicySetup> {
  const problems: string[] = [];
  const ids = new Set(RULES.map((rule) => rule.meta.id));
  const level = (key: string, value: unknown): EnforcementLevel | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return value as EnforcementLevel;
    problems.push(`${key}: enforcement level ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`);
    return undefined;
  };
  for (const key of Object.keys(config)) {
    if (key !== "all" && !ids.has(key)) problems.push(`"${key}" is not a backup-guard policy (policies: ${[...ids].sort().join(", ")})`);
  }
  const all = level("all", config["all"]);
  const setups = new Map<string, PolicySetup>();
  for (const rule of RULES) {
    const entry = config[rule.meta.id];
    const objectEntry = typeof entry === "object" && entry !== null ? entry : undefined;
    const own = objectEntry ? level(rule.meta.id, objectEntry.enforcementLevel) : level(rule.meta.id, entry);
    const settings: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(objectEntry ?? {})) if (key !== "enforcementLevel") settings[key] = value;
    const resolved = resolveRuleConfig(rule.meta, settings);
    if (!resolved.ok) problems.push(...resolved.errors);
    const enforcementLevel = own ?? all;
    setups.set(rule.meta.id, { ...(enforcementLevel ? { enforcementLevel } : {}), settings });
  }
  if (problems.length > 0) throw new BackupGuardConfigError(problems);
  return setups;
}

/**
 * The backup-guard policies as a library, for an organisation's own policy pack (in the style of
 * AWSGuard's `new AwsGuard({...})`):
 *
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { BackupGuard } from "backup-guard";
 *
 * new PolicyPack("org-policies", {
 *   policies: [...new BackupGuard({ all: "mandatory", "backup-copy-residency": { allowedRegions: ["eu-*"] } }).policies(), myOtherPolicy],
 * });
 * ```
 *
 * The configuration has the pack's own schema (policy names, levels, settings). Settings given here are
 * the policies' defaults: a `--policy-pack-config` file or a policy group's config still overrides them.
 * A configuration with an unknown policy, level or setting throws {@link BackupGuardConfigError} when the
 * pack starts, so that a typo never leaves a policy at a weaker default.
 */
export class BackupGuard {
  private readonly setups: ReadonlyMap<string, PolicySetup>;
  private readonly environment: PolicyEnvironment;

  /** Validates the configuration; `environment` is for tests (default: the pack process's own). */
  constructor(config: BackupGuardConfig = {}, environment: PolicyEnvironment = packEnvironment()) {
    this.setups = setupsOf(config);
    this.environment = environment;
  }

  /**
   * Every backup-guard policy, `backup-exemptions` first (the others read the exemptions it validates in
   * the same request): spread them into the `policies` of a `PolicyPack`. Policies set to `disabled` are
   * included, as the engine expects to switch them on through config.
   */
  policies(): ResourceAndStackPolicy[] {
    const ordered = [...RULES.filter((rule) => rule.meta.id === EXEMPTIONS_POLICY_ID), ...RULES.filter((rule) => rule.meta.id !== EXEMPTIONS_POLICY_ID)];
    return ordered.map((rule) => toPulumiPolicy(rule, this.environment, this.setups.get(rule.meta.id)));
  }
}
