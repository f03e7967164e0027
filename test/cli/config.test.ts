import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneCleanErrorLine, mplan, pinnedSettings, PLANS } from './run.js';

/** The clean phone-retailer plan without its guarantee: missing-guarantee is its only finding. */
const NO_GUARANTEE = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8')
    .replace(/ {4}guarantee money back 30 days\n(?: {8}.*\n)*/, '');

/**
 * A folder with that plan and the given settings: by default the rules the
 * fixture plans are judged by (test/fixtures/README.md), so that a new rule
 * changes none of these findings.
 */
function workspace(settings: string | undefined = pinnedSettings()): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-config-'));
    writeFileSync(join(dir, 'plan.mplan'), NO_GUARANTEE);
    if (settings !== undefined) writeFileSync(join(dir, 'mplan.json'), settings);
    return dir;
}

describe('mplan check with settings', () => {
    it('reads mplan.json in the working folder: a rule set to warning no longer fails the run', async () => {
        const before = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--format', 'json'], workspace());
        expect(JSON.parse(before.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['missing-guarantee']);
        expect(before.code).toBe(1);
        const dir = workspace(pinnedSettings({ rules: { 'missing-guarantee': 'warning' } }));
        const after = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--format', 'json'], dir);
        const findings = JSON.parse(after.stdout).files[0].findings;
        expect(findings.find((f: { ruleId: string }) => f.ruleId === 'missing-guarantee').severity).toBe('warning');
        expect(findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
        expect(after.code).toBe(0);
    });

    it('turns a rule off', async () => {
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], workspace(pinnedSettings({ rules: { 'missing-guarantee': 'off' } })));
        expect(run.stdout).not.toContain('missing-guarantee');
    });

    it('reads the file given with --config instead', async () => {
        const dir = workspace(pinnedSettings({ rules: { 'missing-guarantee': 'error' } }));
        writeFileSync(join(dir, 'lenient.json'), pinnedSettings({ rules: { 'missing-guarantee': 'off' } }));
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--config', 'lenient.json'], dir);
        expect(run.stdout).not.toContain('missing-guarantee');
    });

    it('exits 2 on a broken settings file, naming file, line and column of each problem', async () => {
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], workspace('{\n  "rules": { "missing-guarante": "off" },\n  "asOf": 2027\n}\n'));
        expect(run).toEqual({
            code: 2,
            stdout: '',
            stderr: "mplan: mplan.json:2:14: unknown rule 'missing-guarante'; did you mean 'missing-guarantee'?\nmplan: mplan.json:3:11: 'asOf' is not a date (YYYY-MM-DD): it must be a date in double quotes\n"
        });
    });

    it('names of Object.prototype are not settings: inherited names are unknown thresholds', async () => {
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], workspace('{ "thresholds": { "constructor": 3, "toString": 4, "__proto__": 5 } }'));
        expect(run.code).toBe(2);
        expect(run.stderr.split('\n').filter(Boolean)).toEqual([
            expect.stringMatching(/^mplan: mplan\.json:1:\d+: unknown threshold 'constructor'/),
            expect.stringMatching(/^mplan: mplan\.json:1:\d+: unknown threshold 'toString'/),
            expect.stringMatching(/^mplan: mplan\.json:1:\d+: unknown threshold '__proto__'/)
        ]);
    });

    it('exits 2 when --config names no file, or --as-of no date', async () => {
        const dir = workspace();
        expect(await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--config', 'nope.json'], dir)).toEqual({ code: 2, stdout: '', stderr: 'mplan: nope.json: cannot read the settings (no such file)\n' });
        expect(await mplan(['check', 'plan.mplan', '--as-of', '2027-02-30'], dir)).toEqual({ code: 2, stdout: '', stderr: 'mplan: --as-of takes a date (YYYY-MM-DD): February 2027 has no day 30 (it has 28 days)\n' });
        expect((await mplan(['check', 'plan.mplan', '--as-of'], dir)).stderr).toBe('mplan: --as-of needs a value\n');
    });

    it('"*" sets every rule it does not name: with "*": "off", only the rule named runs, at the level given', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-config-'));
        writeFileSync(join(dir, 'plan.mplan'), readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8'));
        writeFileSync(join(dir, 'mplan.json'), '{ "rules": { "*": "off", "missing-guarantee": "warning" } }');
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], dir);
        // The flawed plan breaks eleven rules, an error among them; only this one is reported, as a warning.
        expect(run.stderr).toBe('');
        expect(run.stdout.replace(/ in \d+\.\d\d s:/, ' in T s:')).toBe(
            "plan.mplan:21:6  warning  The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'.  missing-guarantee\n" +
            '1 file checked in T s: 1 problem (0 errors, 1 warning, 0 info).\n');
        expect(run.code).toBe(0);
    });

    it('prints the JSON Schema of the settings', async () => {
        const run = await mplan(['schema']);
        expect(JSON.parse(run.stdout).properties.rules.properties['missing-guarantee'].enum).toEqual(['off', 'info', 'warning', 'error']);
    });
});

describe('suppression comments through mplan check', () => {
    it('silence a finding, and a stale one is reported', async () => {
        const dir = workspace();
        const text = NO_GUARANTEE.replace('plan NordlysMobile {', '// mplan-disable-next-line missing-guarantee -- launch first, guarantee later\nplan NordlysMobile {')
            .replace('product CarePlan {', '// mplan-disable-next-line missing-guarantee\nproduct CarePlan {');
        writeFileSync(join(dir, 'plan.mplan'), text);
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--format', 'json'], dir);
        const findings = JSON.parse(run.stdout).files[0].findings as Array<{ ruleId: string; line: number; column: number }>;
        const stale = text.split('\n').findIndex(line => line.startsWith('// mplan-disable-next-line missing-guarantee') && !line.includes('--')) + 1;
        expect(findings).toEqual([expect.objectContaining({ ruleId: 'unused-suppression', line: stale, column: 28 })]);
        expect(run.code).toBe(0);
    });
});

describe('the as-of date and thresholds through mplan check', () => {
    /** missing-results judges by the as-of date; it is not among the fixture plans' rules. */
    const asOfRules = { 'missing-results': 'warning' };
    const clean = () => {
        const dir = workspace(pinnedSettings({ rules: asOfRules }));
        writeFileSync(join(dir, 'plan.mplan'), readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8'));
        return dir;
    };
    const rules = (stdout: string) => JSON.parse(stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId);

    it('--as-of decides whether a campaign has ended without results', async () => {
        const dir = clean();
        // FlagshipLaunch runs from 2027-03-01 to 2027-08-31 and records no results.
        expect(rules((await mplan(['check', 'plan.mplan', '--format', 'json', '--as-of', '2027-08-31'], dir)).stdout)).toEqual([]);
        const after = await mplan(['check', 'plan.mplan', '--format', 'json', '--as-of', '2027-09-01'], dir);
        expect(rules(after.stdout)).toEqual(['missing-results']);
        expect(after.code).toBe(0);
    });

    it('the asOf of mplan.json does the same, and --as-of overrides it', async () => {
        const dir = clean();
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings({ rules: asOfRules, asOf: '2028-01-01' }));
        expect(rules((await mplan(['check', 'plan.mplan', '--format', 'json'], dir)).stdout)).toEqual(['missing-results']);
        expect(rules((await mplan(['check', 'plan.mplan', '--format', 'json', '--as-of', '2027-01-01'], dir)).stdout)).toEqual([]);
    });

    it('a threshold set in mplan.json moves the edge of its rule', async () => {
        const dir = clean();
        // The plan offers three ways to pay: enough by default (2), too few when 4 are asked for.
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings({ asOf: '2027-01-01', thresholds: { minPaymentOptions: 3 } }));
        expect(rules((await mplan(['check', 'plan.mplan', '--format', 'json'], dir)).stdout)).toEqual([]);
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings({ asOf: '2027-01-01', thresholds: { minPaymentOptions: 4 } }));
        expect(rules((await mplan(['check', 'plan.mplan', '--format', 'json'], dir)).stdout)).toEqual(['few-payment-options']);
    });

    it('a threshold past any real plan (1e308, 1e999) is refused in one line with its bounds, never used ("Add 1e+308 more")', async () => {
        const dir = clean();
        for (const [value, column] of [['1e308', 40], ['1e999', 40], ['21', 40]] as const) {
            writeFileSync(join(dir, 'mplan.json'), `{ "thresholds": { "minPaymentOptions": ${value} } }\n`);
            expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--as-of', '2027-01-01'], dir),
                new RegExp(`^mplan: mplan\\.json:1:${column}: 'minPaymentOptions' must be a whole number from 1 to 20$`));
        }
        writeFileSync(join(dir, 'mplan.json'), '{ "thresholds": { "minLtvToCac": 1e308, "maxPaybackMonths": 1e308, "minGuaranteeDays": 1e308 } }\n');
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-01'], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe([
            "mplan: mplan.json:1:34: 'minLtvToCac' must be a number from 0 to 100",
            "mplan: mplan.json:1:61: 'maxPaybackMonths' must be a whole number from 1 to 600",
            "mplan: mplan.json:1:88: 'minGuaranteeDays' must be a whole number from 0 to 3650",
            ''
        ].join('\n'));
        // The most a real plan asks for is taken.
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings({ asOf: '2027-01-01', thresholds: { minPaymentOptions: 20 } }));
        const most = await mplan(['check', 'plan.mplan'], dir);
        expect(most.stdout).toMatch(/fewer than 20: .* Add 17 more/);
    });
});

describe('mplan.json as editors save it', () => {
    it('with a UTF-8 byte-order mark (as Windows Notepad saves it): read as the same settings', async () => {
        const settings = pinnedSettings({ rules: { 'missing-guarantee': 'warning' } });
        const withBom = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--format', 'json'], workspace('\uFEFF' + settings));
        const without = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--format', 'json'], workspace(settings));
        // Read, not refused: no problem line, only the summary (json keeps standard output to itself).
        expect(withBom.stderr).toMatch(/^1 file checked in [\d.]+ s: 1 problem \(0 errors, 1 warning, 0 info\)\.\n$/);
        expect(withBom.code).toBe(0);
        expect(JSON.parse(withBom.stdout).files).toEqual(JSON.parse(without.stdout).files);
        expect(JSON.parse(withBom.stdout).files[0].findings[0]).toMatchObject({ ruleId: 'missing-guarantee', severity: 'warning' });
    });

    it('a problem after the mark is placed as the editor shows it: the mark takes no column', async () => {
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], workspace('\uFEFF{ "rules": { "missing-guarantee": "loud" } }\n'));
        expectOneCleanErrorLine(run, /^mplan: mplan\.json:1:35: /);
    });
});
