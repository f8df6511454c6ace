/**
 * The pack's version: policypack/package.json's `version`, which `pulumi policy publish` publishes
 * (a test keeps the two, the root package.json and the docs links equal; bump them together).
 */
export const PACK_VERSION = "0.1.0";

/** The repository that holds the docs; each release is tagged `v<version>`. */
export const REPOSITORY_URL = "https://github.com/backup-guard/backup-guard";

/** Where the generated docs of this version's policies live: the tagged `docs/policies/<id>.md`. */
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/v${PACK_VERSION}/docs/policies`;

/** The docs page of a policy, for the version of the pack that reports it. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}
