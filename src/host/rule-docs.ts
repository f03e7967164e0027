/**
 * A rule's docs page (docs/rules/<id>.md), found beside the bundle that runs,
 * and the explanation `mplan explain` prints and the server's
 * `mplan/explainRule` answers.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleById } from '../language/rules/index.js';

/**
 * The folder of the rule docs pages. The CLI and the server run from their
 * bundles in out/ (the extension's copy of the server from extension/dist/),
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

/** What a rule checks and why, in Markdown: its description, severity, area and docs page; undefined for an unknown id. */
export function ruleExplanation(id: string): string | undefined {
    const rule = ruleById(id);
    if (!rule) return undefined;
    const body = rulePageBody(rule.id);
    const text = [
        `# ${rule.id}`,
        '',
        rule.description,
        '',
        `Default severity: ${rule.severity}. Area: ${rule.area}.${rule.basis === 'beyond' ? ' Basis: beyond the seeds (the page names its source).' : rule.basis ? ` Basis: seed ${rule.basis}.` : ''}`,
        '',
        body ?? `(No docs page found in ${rulesDocsDir()}.)\n`
    ];
    return text.join('\n');
}
