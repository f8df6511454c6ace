/** Where the generated docs of the policies live (the repository's `docs/policies/<id>.md`). */
export const DOCS_BASE_URL = "https://github.com/backup-guard/backup-guard/blob/main/docs/policies";

/** The docs page of a policy. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}
