// What the tests of the consent and messaging compliance rules share: judging on another day or
// with a pack switched off, and where a snippet of a plan is, as a finding's range reads it.
import { afterEach } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { services, TEST_SETTINGS, type Checked, type Found } from '../../helpers.js';

const provider = services.Mplan.config.SettingsProvider;

/** Puts TEST_SETTINGS back after each test of the calling file. */
export function restoreSettings(): void {
    afterEach(() => provider.set(TEST_SETTINGS));
}

/** Judge by another as-of day and/or with packs switched off (until the test ends). */
export function judgeWith(options: { asOf?: string; packs?: Settings['packs'] }): void {
    provider.set({ ...TEST_SETTINGS, ...options });
}

/** The findings of one rule in the plan; a plan that does not parse or link (a test's typo) fails the test. */
export function findingsOf(result: Checked, rule: string): Found[] {
    const broken = result.findings().filter(f => f.rule === 'syntax-error' || f.rule === 'unresolved-reference');
    if (broken.length > 0) throw new Error(`the plan does not read cleanly: ${broken.map(f => `${f.line}:${f.column} ${f.message}`).join('; ')}`);
    return result.findings().filter(f => f.rule === rule);
}

/** The range of the `nth` (from 0) occurrence of `snippet` in `text`, 1-based as `Found` reads it. */
export function rangeOf(text: string, snippet: string, nth = 0): Pick<Found, 'line' | 'column' | 'endLine' | 'endColumn'> {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
        at = text.indexOf(snippet, at + 1);
        if (at < 0) throw new Error(`'${snippet}' (${nth}) is not in the plan`);
    }
    const position = (offset: number) => {
        const before = text.slice(0, offset).split('\n');
        return { line: before.length, column: before[before.length - 1].length + 1 };
    };
    const start = position(at), end = position(at + snippet.length);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A plan's text with its market blocks replaced by `markets` (such as one market in Japan, or none). */
export function withMarkets(text: string, markets: string): string {
    const without = text.replace(/^market [^\n]*\{\n[\s\S]*?^}\n/gm, '');
    const planEnd = without.indexOf('\n}\n', without.indexOf('plan ')) + 3;
    return without.slice(0, planEnd) + markets + without.slice(planEnd);
}

/** A market in Japan: none of these rules' laws hold there. */
export const JAPAN = 'market Japan "Japan" {\n    country JP\n    language ja\n    currency JPY\n}\n';
