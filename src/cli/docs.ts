import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The folder of the rule docs pages. The CLI runs from its bundle in out/,
 * and the pages ship beside it in docs/rules.
 */
export function rulesDocsDir(): string {
    return path.resolve(__dirname, '..', 'docs', 'rules');
}

/** A rule's docs page without its title line, or undefined when it has none. */
export function rulePageBody(id: string): string | undefined {
    try {
        const page = readFileSync(path.join(rulesDocsDir(), `${id}.md`), 'utf8');
        return page.replace(/^# .*\n+/, '');
    } catch {
        return undefined;
    }
}
