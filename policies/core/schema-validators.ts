// JSON Schema validators (ajv) for every config the pack checks: each policy's config, the OVHcloud
// account map. Compiling them costs ajv's load (~100 ms) and code generation (~150 ms for the policies)
// on the first resource a pack analyses. The build (tools/generate-schema-validators.ts) therefore
// writes them out once as ajv "standalone" code beside this module; at run time a precompiled validator
// is used when it was generated from exactly the schema asked for, and ajv compiles it otherwise (in the
// TypeScript sources under test, or with a stale build), so both paths validate the same way.
import type Ajv from "ajv";
import type { Options, ValidateFunction } from "ajv";

/** The ajv options of every validator, precompiled or not (useDefaults fills in config defaults). */
export const SCHEMA_VALIDATOR_OPTIONS: Readonly<Options> = { allErrors: true, useDefaults: true, strict: true, verbose: true };

/** The file name (without `.js`) of the generated module, beside this one in the build output. */
export const PRECOMPILED_MODULE = "schema-validators.generated";

/** What the generated module exports. */
export interface PrecompiledValidators {
  /** Validator name → the JSON text of the schema it was generated from. */
  readonly schemas: Readonly<Record<string, string>>;
  /** Validator name → the precompiled validator. */
  readonly validators: Readonly<Record<string, ValidateFunction>>;
}

let precompiled: PrecompiledValidators | null | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, { readonly schemaText: string; readonly validate: ValidateFunction }>();

function loadPrecompiled(): PrecompiledValidators | null {
  if (precompiled === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated at build time; absent from the TypeScript sources
      precompiled = require(`./${PRECOMPILED_MODULE}`) as PrecompiledValidators;
    } catch {
      precompiled = null;
    }
  }
  return precompiled;
}

/** Ajv is loaded on the first schema that has no precompiled validator, not when the pack starts. */
function ajvInstance(): Ajv {
  if (!ajv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import` would load it at start-up
    const AjvClass = (require("ajv") as { default: typeof Ajv }).default;
    ajv = new AjvClass({ ...SCHEMA_VALIDATOR_OPTIONS });
  }
  return ajv;
}

/** Where a validator came from (for tests and the bench). */
export type ValidatorSource = "precompiled" | "compiled";

/**
 * The validator of `schema`, named `name` (a policy id, `ovh-accounts`, ...): precompiled when the build
 * generated one from the same schema text, compiled (once per name) otherwise.
 */
export function schemaValidator(name: string, schema: object): ValidateFunction {
  return validatorEntry(name, schema).validate;
}

/** Which path {@link schemaValidator} takes for this schema. */
export function validatorSource(name: string, schema: object): ValidatorSource {
  const pre = loadPrecompiled();
  return pre !== null && pre.schemas[name] === JSON.stringify(schema) && typeof pre.validators[name] === "function" ? "precompiled" : "compiled";
}

function validatorEntry(name: string, schema: object): { readonly schemaText: string; readonly validate: ValidateFunction } {
  const schemaText = JSON.stringify(schema);
  const known = validators.get(name);
  if (known && known.schemaText === schemaText) return known;
  const pre = loadPrecompiled();
  const generated = pre !== null && pre.schemas[name] === schemaText ? pre.validators[name] : undefined;
  const entry = { schemaText, validate: typeof generated === "function" ? generated : ajvInstance().compile(schema) };
  validators.set(name, entry);
  return entry;
}
