// Where a rule's documentation page lives, for diagnostics, SARIF and the generated docs.
// The repository is package.json's "repository.url"; a test keeps the two in step.

export const REPOSITORY_URL = 'https://github.com/memhints/memhints';

/** The docs/rules folder, as the repository's main branch shows it. */
const RULE_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;

export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_URL}${code}.md`;
}
