/**
 * The plans the tests of the faces run on and the settings that pin the rules they are judged by
 * (test/fixtures/README.md): one place for the CLI tests (test/cli/run.ts), the LSP tests
 * (test/lsp/client.ts) and the in-process ones (test/helpers.ts). No Langium here: the LSP and CLI
 * tests import it without building the language services.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Copies of the examples: `corner-bakery/` over four files, `phone-retailer.mplan`, the flawed `ebook-list.mplan`. */
export const FIXTURE_PLANS = join(__dirname, 'fixtures', 'plans');

/** Their settings: `"*": "off"`, then the language rules and the rules the flawed plan breaks, at their default levels. */
export const PINNED_CONFIG = join(FIXTURE_PLANS, 'mplan.json');

/** What a test adds to the pinned settings. */
export interface ExtraSettings { rules?: Record<string, string>; thresholds?: Record<string, number>; asOf?: string }

/**
 * The text of a settings file with the pinned rules plus `extra`: rules a test needs besides them (or
 * at other levels), thresholds, an as-of date.
 */
export function pinnedSettings(extra: ExtraSettings = {}): string {
    const pinned = JSON.parse(readFileSync(PINNED_CONFIG, 'utf8')) as ExtraSettings;
    return JSON.stringify({ ...pinned, ...extra, rules: { ...pinned.rules, ...extra.rules } }, null, 2) + '\n';
}
