import { AWS_TYPES } from "../../../policies/aws/type-tokens";
import * as fs from "fs";
import * as path from "path";
import { BlockShape, PULUMI_ONLY_TOKENS, TERRAFORM_AWS_TYPES, camelCase } from "../../../policies/adapters/terraform/type-map";

describe("the declared Terraform → Pulumi type table", () => {
  it("maps a Terraform type to every type token the rules and the AWS model read", () => {
    const mapped = new Set(Object.values(TERRAFORM_AWS_TYPES).map((m) => m.token));
    const missing = Object.values(AWS_TYPES).filter((token) => !mapped.has(token) && !PULUMI_ONLY_TOKENS.has(token));
    expect(missing).toEqual([]);
  });

  it("maps only to type tokens the rules and the AWS model read, each from one Terraform type", () => {
    const known = new Set<string>(Object.values(AWS_TYPES));
    const tokens = Object.values(TERRAFORM_AWS_TYPES).map((m) => m.token);
    expect(tokens.filter((token) => !known.has(token))).toEqual([]);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("declares as Pulumi-only tokens nothing that a Terraform type maps to", () => {
    expect(Object.values(TERRAFORM_AWS_TYPES).filter((m) => PULUMI_ONLY_TOKENS.has(m.token))).toEqual([]);
  });

  it("camelCases snake_case names as Pulumi does, digits included", () => {
    expect(["copy_action", "multi_az", "serverlessv2_scaling_configuration", "s3_import", "name"].map(camelCase)).toEqual([
      "copyAction",
      "multiAz",
      "serverlessv2ScalingConfiguration",
      "s3Import",
      "name",
    ]);
  });
});

/** The properties of an `@pulumi/aws` input interface: name → its type text. */
function pulumiProperties(body: string): Map<string, string> {
  return new Map([...body.matchAll(/^\s+(\w+)\??: (.*);$/gm)].map((m) => [m[1], m[2]]));
}

const INPUTS = fs.readFileSync(require.resolve("@pulumi/aws/types/input.d.ts"), "utf8");

function nestedInterface(type: string): string | undefined {
  const match = /inputs\.(\w+)\.(\w+)/.exec(type);
  if (!match) return undefined;
  const namespace = INPUTS.indexOf(`export declare namespace ${match[1]} {`) >= 0 ? INPUTS.indexOf(`export declare namespace ${match[1]} {`) : INPUTS.indexOf(`export namespace ${match[1]} {`);
  const start = INPUTS.indexOf(`interface ${match[2]} {`, namespace);
  return start < 0 ? undefined : INPUTS.slice(start, INPUTS.indexOf("\n    }", start));
}

/** Problems of a declared block shape against the Pulumi input interface it claims to produce. */
function shapeProblems(shape: BlockShape, body: string, where: string): string[] {
  const properties = pulumiProperties(body);
  const problems: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const name = field.name ?? camelCase(key);
    const type = properties.get(name);
    if (type === undefined) {
      problems.push(`${where}.${key} → ${name}: no such Pulumi property`);
      continue;
    }
    const isArray = /\[\]( \| undefined)?>/.test(type) || /\[\]>?$/.test(type);
    if (field.kind === "list" && !isArray) problems.push(`${where}.${key} → ${name}: declared a list, Pulumi has ${type}`);
    if (field.kind !== "list" && isArray) problems.push(`${where}.${key} → ${name}: declared ${field.kind}, Pulumi has an array`);
    if (field.fields) {
      const nested = nestedInterface(type);
      if (nested) problems.push(...shapeProblems(field.fields, nested, `${where}.${key}`));
      else problems.push(`${where}.${key} → ${name}: declared as a block, Pulumi has ${type}`);
    }
  }
  return problems;
}

describe("the declared block shapes", () => {
  it("name Pulumi properties that exist, with the array or object shape Pulumi gives them", () => {
    const problems: string[] = [];
    for (const [terraformType, mapping] of Object.entries(TERRAFORM_AWS_TYPES)) {
      const [, module, file] = /^aws:(\w+)\/(\w+):/.exec(mapping.token) ?? [];
      const dts = fs.readFileSync(path.join(path.dirname(require.resolve("@pulumi/aws/package.json")), module, `${file}.d.ts`), "utf8");
      const start = dts.indexOf("Args {");
      if (mapping.fields) problems.push(...shapeProblems(mapping.fields, dts.slice(start, dts.indexOf("\n}", start)), terraformType));
    }
    expect(problems).toEqual([]);
  });
});
