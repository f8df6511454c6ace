import { SourceVocabulary } from "../../core/source-vocabulary";
import { TERRAFORM_OVH_TYPES } from "./ovh-type-map";
import { TERRAFORM_AWS_TYPES } from "./type-map";

/** `copyActions` → `copy_actions` (the fallback when the type map declares no other name). */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The Terraform resource type of a Pulumi type token, when the type maps declare one. */
function terraformType(token: string): string | undefined {
  for (const types of [TERRAFORM_AWS_TYPES, TERRAFORM_OVH_TYPES]) {
    for (const [type, mapping] of Object.entries(types)) if (mapping.token === token) return type;
  }
  return undefined;
}

/** A Pulumi class as messages write it: `aws.backup.VaultPolicy`, `ovh.cloudproject.Storage`. */
const PULUMI_CLASS = /\b(?:aws|ovh)\.[a-z0-9]+\.[A-Z][A-Za-z0-9]*\b/g;

/** The Pulumi command messages quote (`pulumi destroy`), and Terraform's for it. */
const PULUMI_DESTROY = /`pulumi destroy`/g;

let classTypes: Map<string, string> | undefined;

/**
 * Pulumi class name → Terraform type, from the type maps' tokens (`aws:backup/vaultPolicy:VaultPolicy` is
 * class `aws.backup.VaultPolicy`; an `ovh:CloudProject/...` token is class `ovh.cloudproject.<Name>`).
 */
function terraformTypeOfClass(): Map<string, string> {
  if (!classTypes) {
    classTypes = new Map();
    for (const types of [TERRAFORM_AWS_TYPES, TERRAFORM_OVH_TYPES]) {
      for (const [type, mapping] of Object.entries(types)) {
        const match = /^(aws|ovh):([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(mapping.token);
        if (!match) continue;
        const module = match[1] === "ovh" ? match[2].toLowerCase() : match[2];
        const name = `${match[1]}.${module}.${match[3]}`;
        if (!classTypes.has(name)) classTypes.set(name, type);
      }
    }
  }
  return classTypes;
}

/** The Terraform resource type and top-level argument behind a Pulumi type token and property. */
function terraformName(token: string, property: string): { readonly type?: string; readonly argument: string } {
  for (const [type, mapping] of Object.entries(TERRAFORM_AWS_TYPES)) {
    if (mapping.token !== token) continue;
    const declared = Object.entries(mapping.fields ?? {}).find(([, shape]) => shape.name === property);
    return { type, argument: declared ? declared[0] : snakeCase(property) };
  }
  return { argument: snakeCase(property) };
}

/**
 * A Terraform or OpenTofu configuration's words: provider blocks with an alias, `allowed_account_ids`
 * and `assume_role`, and the expression references of the configuration (the adapter's twin of Pulumi's
 * `propertyDependencies`).
 */
export const TERRAFORM_VOCABULARY: SourceVocabulary = {
  providerForRegion: (name, region) => `a provider "aws" block with alias = "${name}" and region = "${region}", set on the resource as provider = aws.${name}`,
  references: (token, property) => {
    const { type, argument } = terraformName(token, property);
    return `the references of ${type ? `${type}.` : ""}${argument} in the configuration`;
  },
  accountSettings: "assumes a role there (assume_role) or sets allowed_account_ids",
  pinAccounts: "set allowed_account_ids (or assume_role with a role_arn) in the provider block of each store listed, the default provider's included",
  accountHint: "allowed_account_ids or assume_role in each provider block",
  setting: (path) => path.split(".").map(snakeCase).join("."),
  // Object values are HCL objects: `{ status: "enabled" }` becomes `{ status = "enabled" }`.
  assignment: (path, value) => `${path.split(".").map(snakeCase).join(".")} = ${value.replace(/([A-Za-z]\w*): /g, (_match, key: string) => `${snakeCase(key)} = `)}`,
  resourceType: (token, pulumiName) => terraformType(token) ?? pulumiName,
  inOwnWords: (text) =>
    text.replace(PULUMI_CLASS, (name: string) => terraformTypeOfClass().get(name) ?? name).replace(PULUMI_DESTROY, "`terraform destroy`"),
  ovhAccounts: "--ovh-accounts",
  ovhAccountsWhere: "the file given to --ovh-accounts",
};
