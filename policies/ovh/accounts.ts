// Which OVHcloud account (NIC handle) owns which Public Cloud project. Resources only carry their
// project (`serviceName`); the account, the boundary an offline copy must cross, comes from the stack
// configuration, checked here like every config: a malformed map never silently passes.
import type { ValidateFunction } from "ajv";

/** Stack configuration key of the project → account map. */
export const OVH_ACCOUNTS_CONFIG_KEY = "backup-guard:ovhAccounts";

/** The project → account map, or why it cannot be used. */
export type OvhAccounts =
  | { readonly ok: true; readonly accountOf: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly error: string };

const SCHEMA = {
  type: "object",
  description: "OVHcloud account (NIC handle, e.g. ab12345-ovh) → the Public Cloud project ids (serviceName) it owns",
  propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*$" },
  additionalProperties: {
    type: "array",
    items: { type: "string", pattern: "^[0-9a-f]{32}$" },
    uniqueItems: true,
  },
};

let validator: ValidateFunction | undefined;

/** Compiled on the first map to check: most stacks have none, and compiling costs start-up time. */
function validate(): ValidateFunction {
  if (!validator) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, as in rule-config.ts
    const AjvClass = (require("ajv") as { default: typeof import("ajv").default }).default;
    validator = new AjvClass({ allErrors: true, strict: true }).compile(SCHEMA);
  }
  return validator;
}

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
  const check = validate();
  if (!check(parsed)) {
    const errors = (check.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
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
