/** The project's home (package.json's repository says the same; a test holds them together). */
export const PROJECT_URL = 'https://github.com/mplan-dev/mplan';

/**
 * Where the project's pages are published: the rule docs in the repository.
 * SARIF's helpUri and report links point here; the CLI and the server link
 * to the pages installed beside them.
 */
export const PUBLIC_RULE_DOCS_BASE = `${PROJECT_URL}/blob/main/docs/rules/`;

/** The public page of a rule. */
export function publicRuleDocsUrl(ruleId: string): string {
    return `${PUBLIC_RULE_DOCS_BASE}${ruleId}.md`;
}

/**
 * Where the rule docs pages are, so that every diagnostic can link to its
 * rule's page (`codeDescription`). The language server and the CLI set the
 * base to the docs/rules folder shipped beside their bundle; without a base
 * (tests, other hosts) diagnostics carry no link.
 */
export class RuleDocs {
    protected base: string | undefined;

    /** A URI ending in `/`, under which `<rule-id>.md` is each rule's page. */
    setBase(base: string | undefined): void {
        this.base = base === undefined || base.endsWith('/') ? base : base + '/';
    }

    hrefFor(ruleId: string): string | undefined {
        return this.base ? `${this.base}${ruleId}.md` : undefined;
    }
}
