import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/language/config/config-file.js';
import { configSchema } from '../../src/language/config/schema.js';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS, type Settings } from '../../src/language/config/settings.js';
import { RULES } from '../../src/language/rules/index.js';
import { check, CLEAN_PLAN, GUARANTEE_OFFER, services, TEST_AS_OF } from '../helpers.js';

const IDS = new Set(RULES.map(rule => rule.id));

describe('the project file (mplan.json)', () => {
    it('sets rule levels, thresholds and the as-of date', () => {
        const { settings, problems } = parseConfig('{ "rules": { "missing-guarantee": "warning", "import-cycle": "off" }, "thresholds": { "minPaymentOptions": 3 }, "asOf": "2027-01-31" }', IDS);
        expect(problems).toEqual([]);
        expect(settings).toEqual({
            rules: { 'missing-guarantee': 'warning', 'import-cycle': 'off' },
            thresholds: { ...DEFAULT_THRESHOLDS, minPaymentOptions: 3 },
            asOf: '2027-01-31'
        });
    });

    it('reports every problem with its line and column, and keeps the rest', () => {
        const text = '{\n  "rules": { "missing-guarante": "warning", "import-cycle": "loud", "duplicate-name": "info" },\n  "thresholds": { "minPaymentOptions": -1, "speed": 3 },\n  "asOf": "2027-02-30",\n  "colour": true\n}\n';
        const { settings, problems } = parseConfig(text, IDS);
        expect(problems.map(p => `${p.line}:${p.column} ${p.message}`)).toEqual([
            "2:14 unknown rule 'missing-guarante'; did you mean 'missing-guarantee'?",
            '2:61 the level of \'import-cycle\' must be one of off, info, warning, error, not "loud"',
            "3:40 'minPaymentOptions' must be a whole number from 1 to 20",
            '3:44 unknown threshold \'speed\': the thresholds are maxProductsPerCampaign, minGuaranteeDays, minPaymentOptions, maxEmailsPerWeek, maxEmailsPerRecipientPerWeek, maxChannelShare, horizonMonths, minLtvToCac, maxPaybackMonths',
            "4:11 'asOf' is not a date (YYYY-MM-DD): February 2027 has no day 30 (it has 28 days)",
            "5:3 unknown setting 'colour': the settings are rules, thresholds, asOf, ranges, packs"
        ]);
        expect(settings.rules).toEqual({ 'duplicate-name': 'info' });
        expect(settings.thresholds).toEqual(DEFAULT_THRESHOLDS);
    });

    it('reads which end of a range the money rules judge by, and refuses any other word', () => {
        expect(parseConfig('{ "ranges": "optimistic" }', IDS).settings.ranges).toBe('optimistic');
        const { settings, problems } = parseConfig('{ "ranges": "average" }', IDS);
        expect(settings.ranges).toBeUndefined();
        expect(problems.map(p => `${p.line}:${p.column} ${p.message}`)).toEqual([
            '1:13 \'ranges\' must be "pessimistic" or "optimistic" (which end of a range such as 2% to 4% the money rules judge by)'
        ]);
    });

    it('takes a fraction where a threshold is a ratio, and bounds the horizon', () => {
        const text = '{ "thresholds": { "minLtvToCac": 2.5, "maxPaybackMonths": 6.5, "horizonMonths": 1200 } }';
        const { settings, problems } = parseConfig(text, IDS);
        expect(settings.thresholds.minLtvToCac).toBe(2.5);
        expect(problems.map(p => p.message)).toEqual([
            "'maxPaybackMonths' must be a whole number from 1 to 600",
            "'horizonMonths' must be a whole number from 1 to 600"
        ]);
        expect(settings.thresholds.horizonMonths).toBe(DEFAULT_THRESHOLDS.horizonMonths);
        const thresholds = (configSchema(RULES) as { properties: { thresholds: { properties: Record<string, { type: string; maximum?: number }> } } }).properties.thresholds.properties;
        expect(thresholds.minLtvToCac.type).toBe('number');
        expect(thresholds.horizonMonths).toMatchObject({ type: 'integer', maximum: 600 });
    });

    it('sets the level of every rule not named with "*", and checks its level like any other', () => {
        const { settings, problems } = parseConfig('{ "rules": { "*": "off", "missing-guarantee": "error", "no-review": "warning" } }', IDS);
        expect(problems).toEqual([]);
        expect(settings.rules).toEqual({ '*': 'off', 'missing-guarantee': 'error', 'no-review': 'warning' });
        expect(parseConfig('{ "rules": { "*": "quiet" } }', IDS).problems.map(p => `${p.line}:${p.column} ${p.message}`))
            .toEqual(['1:19 the level of every rule (\'*\') must be one of off, info, warning, error, not "quiet"']);
        expect(parseConfig('{ "rules": { "**": "off" } }', IDS).problems[0].message).toMatch(/^unknown rule '\*\*'/);
    });

    it('reports broken JSON once, where it breaks, and code is never run', () => {
        expect(parseConfig('{ "rules": ', IDS).problems.map(p => `${p.line}:${p.column} ${p.message}`)).toEqual(['1:12 not valid JSON: expected a value']);
        expect(parseConfig('// comment\n{}', IDS).problems[0].message).toBe('not valid JSON: comments are not allowed in JSON');
        expect(parseConfig('module.exports = {}', IDS).problems).toHaveLength(1);
        expect(parseConfig('[]', IDS).problems[0].message).toContain('must be a JSON object');
        expect(parseConfig('', IDS).problems[0].message).toContain('the file is empty');
    });

    // schemas/mplan.schema.json is this schema, written by `npm run generate` (test/generated.test.ts keeps it current).
    it('has a JSON Schema, generated from the registry, that names every rule and "*"', () => {
        const schema = JSON.parse(JSON.stringify(configSchema(RULES)));
        expect(Object.keys(schema.properties.rules.properties)).toEqual(['*', ...RULES.map(rule => rule.id)]);
    });
});

describe('"*" in the rule levels', () => {
    // The clean plan without its guarantee, and a tactic that serves no strategy: two findings by default.
    const PLAN = CLEAN_PLAN.replace(GUARANTEE_OFFER, '') + 'tactic Flyers {\n    channel print\n}\n';
    // Findings of rules that the whole CLEAN_PLAN breaks too (none: examples.test.ts holds it to every
    // rule) are left out, so that a rule added to the registry changes nothing here.
    const judged = async (rules: Settings['rules']) => {
        services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, asOf: TEST_AS_OF, rules });
        try {
            const clean = new Set((await check(CLEAN_PLAN)).rules());
            return (await check(PLAN)).findings().filter(f => !clean.has(f.rule)).map(f => `${f.rule} ${f.severity}`);
        } finally {
            services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, asOf: TEST_AS_OF });
        }
    };

    it('leaves every rule at its default when absent', async () => {
        expect(await judged({})).toEqual(['missing-guarantee error', 'tactic-without-strategy warning']);
    });

    it('"off" runs only the rules named, at the level named', async () => {
        expect(await judged({ '*': 'off', 'missing-guarantee': 'warning' })).toEqual(['missing-guarantee warning']);
        expect(await judged({ '*': 'off' })).toEqual([]);
    });

    it('any other level is the level of every rule not named', async () => {
        expect(await judged({ '*': 'info', 'tactic-without-strategy': 'error' })).toEqual(['missing-guarantee info', 'tactic-without-strategy error']);
    });
});
