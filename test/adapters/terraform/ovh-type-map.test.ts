import * as fs from "fs";
import * as path from "path";
import { TERRAFORM_OVH_TYPES } from "../../../policies/adapters/terraform/ovh-type-map";
import { PROVIDER_TYPES, terraformType } from "../../../policies/adapters/terraform/terraform-types";
import { BlockShape, TERRAFORM_AWS_TYPES, camelCase } from "../../../policies/adapters/terraform/type-map";
import { OVH_SOURCE_TYPES, OVH_TYPES } from "../../../policies/ovh/type-tokens";

const OVH_TOKENS: readonly string[] = [...Object.values(OVH_TYPES), ...Object.values(OVH_SOURCE_TYPES)];

describe("the declared Terraform OVH → Pulumi type table", () => {
  it("maps a Terraform type to every type token the OVHcloud model reads", () => {
    const mapped = new Set(Object.values(TERRAFORM_OVH_TYPES).map((m) => m.token));
    expect(OVH_TOKENS.filter((token) => !mapped.has(token))).toEqual([]);
  });

  it("maps only to type tokens the OVHcloud model reads, each from one Terraform type of the ovh provider", () => {
    const tokens = Object.values(TERRAFORM_OVH_TYPES).map((m) => m.token);
    expect(tokens.filter((token) => !OVH_TOKENS.includes(token))).toEqual([]);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(Object.keys(TERRAFORM_OVH_TYPES).filter((type) => !type.startsWith("ovh_"))).toEqual([]);
  });

  it("picks each type's table by its cloud, with that cloud's provider type", () => {
    expect(terraformType("ovh_cloud_project_database")).toEqual({ mapping: TERRAFORM_OVH_TYPES["ovh_cloud_project_database"], cloud: "ovh" });
    expect(terraformType("aws_backup_plan")).toEqual({ mapping: TERRAFORM_AWS_TYPES["aws_backup_plan"], cloud: "aws" });
    expect(terraformType("ovh_cloud_project_kube")).toBeUndefined();
    expect(terraformType("constructor")).toBeUndefined();
    expect(PROVIDER_TYPES).toEqual({ aws: "pulumi:providers:aws", ovh: "pulumi:providers:ovh" });
  });
});

const PACKAGE = path.dirname(require.resolve("@ovhcloud/pulumi-ovh/package.json"));
const INPUTS = fs.readFileSync(path.join(PACKAGE, "types", "input.d.ts"), "utf8");

/** The properties of a `@ovhcloud/pulumi-ovh` interface body: name → its type text. */
function pulumiProperties(body: string): Map<string, string> {
  return new Map([...body.matchAll(/^\s+(\w+)\??: (.*);$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

/** The body of the nested input interface a property type names (`inputs.CloudProject.StorageReplication`, `inputs.CloudStorageBlockVolumeCreateFrom`). */
function nestedInterface(type: string): string | undefined {
  const match = /inputs\.(?:(\w+)\.)?(\w+)>/.exec(type);
  if (!match) return undefined;
  const from = match[1] ? INPUTS.indexOf(`export declare namespace ${match[1]} {`) : 0;
  const indent = match[1] ? "    " : "";
  const start = INPUTS.indexOf(`\n${indent}${match[1] ? "" : "export "}interface ${match[2]} {`, from);
  return start < 0 ? undefined : INPUTS.slice(start, INPUTS.indexOf(`\n${indent}}`, start + 1));
}

/** Problems of a declared block shape against the Pulumi interface it claims to produce. */
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
    const isArray = /\[\]>;?$/.test(type) || /\[\]>?$/.test(type);
    if (field.kind === "list" && !isArray) problems.push(`${where}.${key} → ${name}: declared a list, Pulumi has ${type}`);
    if (field.kind !== "list" && isArray) problems.push(`${where}.${key} → ${name}: declared ${field.kind}, Pulumi has an array`);
    if (field.fields && Object.keys(field.fields).length > 0) {
      const nested = nestedInterface(type);
      if (nested) problems.push(...shapeProblems(field.fields, nested, `${where}.${key}`));
      else problems.push(`${where}.${key} → ${name}: declared as a block, Pulumi has ${type}`);
    }
  }
  return problems;
}

/** `ovh:CloudProject/database:Database` → `cloudproject/database.d.ts`; `ovh:index/cloudInstance:CloudInstance` → `cloudInstance.d.ts`. */
function declarationFile(token: string): string {
  const [, module, file] = /^ovh:(\w+)\/(\w+):/.exec(token) ?? [];
  return path.join(PACKAGE, module === "index" ? "" : (module as string).toLowerCase(), `${file}.d.ts`);
}

describe("the declared OVH block shapes", () => {
  it("name Pulumi properties that exist (inputs or outputs), with the array or object shape Pulumi gives them", () => {
    const problems: string[] = [];
    for (const [terraformType, mapping] of Object.entries(TERRAFORM_OVH_TYPES)) {
      const dts = fs.readFileSync(declarationFile(mapping.token), "utf8");
      const start = dts.indexOf("State {");
      expect(start).toBeGreaterThan(0);
      if (mapping.fields) problems.push(...shapeProblems(mapping.fields, dts.slice(start, dts.indexOf("\n}", start)), terraformType));
    }
    expect(problems).toEqual([]);
  });

  it("produce the type tokens the package declares for its classes", () => {
    for (const mapping of Object.values(TERRAFORM_OVH_TYPES)) {
      const js = fs.readFileSync(declarationFile(mapping.token).replace(/\.d\.ts$/, ".js"), "utf8");
      expect(js).toContain(`.__pulumiType = '${mapping.token}';`);
    }
  });
});
