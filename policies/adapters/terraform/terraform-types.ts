import { TERRAFORM_OVH_TYPES } from "./ovh-type-map";
import { TERRAFORM_AWS_TYPES, TerraformTypeMapping } from "./type-map";

/** The clouds whose Terraform providers the adapter reads, by the provider's local name. */
export type TerraformCloud = "aws" | "ovh";

/** The declared type table of each cloud (`type-map.ts`, `ovh-type-map.ts`). */
const TABLES: ReadonlyArray<readonly [TerraformCloud, Readonly<Record<string, TerraformTypeMapping>>]> = [
  ["aws", TERRAFORM_AWS_TYPES],
  ["ovh", TERRAFORM_OVH_TYPES],
];

/** The Pulumi provider type token of each cloud (what a resource's `provider` is in a Pulumi stack). */
export const PROVIDER_TYPES: Readonly<Record<TerraformCloud, string>> = { aws: "pulumi:providers:aws", ovh: "pulumi:providers:ovh" };

/** A Terraform resource type the rules read: its mapping and its cloud (which also names its default provider configuration). */
export interface KnownTerraformType {
  readonly mapping: TerraformTypeMapping;
  readonly cloud: TerraformCloud;
}

/** {@link terraformType} of every type seen so far. */
const KNOWN = new Map<string, KnownTerraformType | undefined>();

/** The mapping of a Terraform resource type, from the table of its cloud; `undefined` for a type no rule reads. */
export function terraformType(type: string): KnownTerraformType | undefined {
  let known = KNOWN.get(type);
  if (known === undefined && !KNOWN.has(type)) {
    for (const [cloud, table] of TABLES) {
      if (Object.hasOwn(table, type)) {
        known = { mapping: table[type] as TerraformTypeMapping, cloud };
        break;
      }
    }
    // Types repeat across a plan's resources: each is looked up in the tables once (the tables are fixed;
    // the cap bounds what odd inputs can add).
    if (KNOWN.size < 10_000) KNOWN.set(type, known);
  }
  return known;
}
