// Which OVHcloud account (NIC handle) owns which Public Cloud project. Resources only carry their
// project (`serviceName`); the account, the boundary an offline copy must cross, comes from the stack
// configuration, checked here like every config: a malformed map never silently passes.
import { schemaValidator } from "../core/schema-validators";

/** Stack configuration key of the project → account map. */
export const OVH_ACCOUNTS_CONFIG_KEY = "backup-guard:ovhAccounts";

/** The project → account map, or why it cannot be used. */
export type OvhAccounts =
  | { readonly ok: true; readonly accountOf: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly error: string };

/** The JSON Schema of the map (its validator is precompiled by the build: see core/schema-validators.ts). */
export const OVH_ACCOUNTS_SCHEMA = {
  type: "object",
  description: "OVHcloud account (NIC handle, e.g. ab12345-ovh) → the Public Cloud project ids (serviceName) it owns",
  propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*$" },
  additionalProperties: {
    type: "array",
    items: { type: "string", pattern: "^[0-9a-f]{32}$" },
    uniqueItems: true,
  },
};

/** The name of the map's validator. */
export const OVH_ACCOUNTS_VALIDATOR = "ovh-accounts";

/**
 * Reads `backup-guard:ovhAccounts` (a JSON object `{ "<account>": ["<project id>", ...] }`). Absent means
 * no project is mapped. A project listed under two accounts is an error.
 */
export function ovhAccounts(stackConfig: Readonly<Record<string, string>>): OvhAccounts {
  const raw = stackConfig[OVH_ACCOUNTS_CONFIG_KEY];
  if (raw === undefined) return { ok: true, accountOf: new Map() };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, error: `${OVH_ACCOUNTS_CONFIG_KEY} is not JSON (expected {"<account>": ["<32-hex project id>", ...]})` };
  }
  const validate = schemaValidator(OVH_ACCOUNTS_VALIDATOR, OVH_ACCOUNTS_SCHEMA);
  if (!validate(parsed)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
    return { ok: false, error: `${OVH_ACCOUNTS_CONFIG_KEY} is invalid: ${[...new Set(errors)].join("; ")} (expected {"<account>": ["<32-hex project id>", ...]})` };
  }
  const accountOf = new Map<string, string>();
  for (const [account, projects] of Object.entries(parsed as Record<string, string[]>)) {
    for (const project of projects) {
      const other = accountOf.get(project);
      if (other !== undefined) return { ok: false, error: `${OVH_ACCOUNTS_CONFIG_KEY} lists project ${project} under two accounts (${other} and ${account})` };
      accountOf.set(project, account);
    }
  }
  return { ok: true, accountOf };
}
