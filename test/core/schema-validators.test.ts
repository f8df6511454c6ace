// The build precompiles every config validator (ajv standalone code) so that a pack neither loads ajv
// nor compiles schemas while analysing; these tests check that the precompiled validators are the ones
// used by the built pack and that they judge every config exactly as ajv compiling the schema does.
import Ajv from "ajv";
import fc from "fast-check";
import * as path from "path";
import { SCHEMA_VALIDATOR_OPTIONS, schemaValidator, validatorSource } from "../../policies/core/schema-validators";

const DIST = path.join(__dirname, "..", "..", "dist");

type SchemaValidators = typeof import("../../policies/core/schema-validators");
type Generator = typeof import("../../tools/generate-schema-validators");

// The built modules (npm test builds first), as the pack loads them: with the generated module beside them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require(path.join(DIST, "policies", "core", "schema-validators.js")) as SchemaValidators;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packSchemas } = require(path.join(DIST, "tools", "generate-schema-validators.js")) as Generator;

const schemas = [...packSchemas()];
const reference = new Ajv({ ...SCHEMA_VALIDATOR_OPTIONS });

/** What a validator makes of a value: valid or not, its errors, and the value after defaults. */
function judge(validate: (value: unknown) => boolean, errorsOf: () => unknown, value: unknown): unknown {
  const copy = structuredClone(value);
  const valid = validate(copy);
  return { valid, errors: valid ? null : errorsOf(), after: copy };
}

describe("precompiled config validators", () => {
  it("cover every policy's config and the OVHcloud account map", () => {
    expect(schemas.map(([name]) => name).sort()).toEqual([
      "backup-copy-residency",
      "backup-coverage",
      "backup-cross-region-copy",
      "backup-deletion-protection",
      "backup-exemptions",
      "backup-external-vaults",
      "backup-immutable",
      "backup-key-separation",
      "backup-offline-copy",
      "backup-restore-testing",
      "backup-retention-minimum",
      "backup-zone-separation",
      "ovh-accounts",
    ]);
  });

  it("are used by the built pack for every schema, without loading ajv itself", () => {
    for (const [name, schema] of schemas) expect([name, built.validatorSource(name, schema)]).toEqual([name, "precompiled"]);
  });

  it("are not used for a schema other than the one they were generated from (a stale build compiles instead)", () => {
    const other = { type: "object", properties: { onUnresolved: { type: "number" } }, additionalProperties: false };
    expect(built.validatorSource("backup-coverage", other)).toBe("compiled");
    const validate = built.schemaValidator("backup-coverage", other);
    expect(validate({ onUnresolved: 3 })).toBe(true);
    expect(validate({ onUnresolved: "mandatory" })).toBe(false);
  });

  it("are absent from the TypeScript sources, which compile every schema", () => {
    const [name, schema] = schemas[0];
    expect(validatorSource(name, schema)).toBe("compiled");
    expect(typeof schemaValidator(name, schema)).toBe("function");
  });

  it("judge the defaults exactly as ajv compiling the schema does", () => {
    for (const [name, schema] of schemas) {
      const compiled = reference.compile(schema);
      const precompiled = built.schemaValidator(name, schema);
      expect([name, judge(precompiled, () => precompiled.errors, {})]).toEqual([name, judge(compiled, () => compiled.errors, {})]);
    }
  });

  it("judge any config exactly as ajv compiling the schema does (values, errors, defaults filled in)", () => {
    const keysOf = (schema: object): string[] => Object.keys((schema as { properties?: object }).properties ?? {});
    const names = schemas.map(([name]) => name);
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.dictionary(fc.oneof(fc.constantFrom(...new Set(schemas.flatMap(([, s]) => keysOf(s)))), fc.string()), fc.jsonValue({ maxDepth: 3 })),
        (name, value) => {
          const schema = (schemas.find(([n]) => n === name) as [string, object])[1];
          const compiled = reference.getSchema(`ref:${name}`) ?? (reference.addSchema(schema, `ref:${name}`), reference.getSchema(`ref:${name}`));
          if (!compiled) throw new Error(`no reference validator for ${name}`);
          const precompiled = built.schemaValidator(name, schema);
          expect(judge(precompiled, () => precompiled.errors, value)).toEqual(judge(compiled, () => compiled.errors, value));
        },
      ),
      { numRuns: 400 },
    );
  });
});
