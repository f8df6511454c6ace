import { SourceVocabulary } from "../../core/source-vocabulary";
import { TERRAFORM_AWS_TYPES } from "./type-map";

/** `copyActions` → `copy_actions` (the fallback when the type map declares no other name). */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
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
};
