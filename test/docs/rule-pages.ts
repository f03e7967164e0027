import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/rules: one page per rule of the registry. */
export const RULE_DOCS = join(__dirname, '..', '..', 'docs', 'rules');

/** The page of a rule, or '' when it has none. */
export function rulePage(id: string): string {
    const file = join(RULE_DOCS, `${id}.md`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The first ```mplan block after a `## heading` of a page. */
export function exampleAfter(page: string, heading: string): string | undefined {
    const at = page.indexOf(`\n## ${heading}\n`);
    if (at < 0) return undefined;
    return /```mplan\n([\s\S]*?)```/.exec(page.slice(at))?.[1];
}

/** An example is checked as `plan.mplan`, or under the name its first line gives (`// market.mplan`). */
export function asFile(example: string): Record<string, string> {
    const name = /^\/\/ ([\w./-]+\.mplan)\b/.exec(example)?.[1] ?? 'plan.mplan';
    return { [name]: example };
}
