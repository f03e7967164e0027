import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: a plain ES module without types
import { generatePlan as untypedGeneratePlan } from '../../bench/generate.mjs';
// @ts-expect-error: a plain ES module without types
import * as untypedBaseline from '../../bench/yaml-baseline.mjs';

type Finding = { path: string; message: string; rule?: string; keyword?: string };
type Result = { valid: boolean; errors: Finding[]; problems: Finding[] };
const generatePlan = untypedGeneratePlan as (lines: number) => string;
const { checkYaml, generateYaml, measureYaml, yamlSchema } = untypedBaseline as {
    checkYaml(text: string): Result;
    generateYaml(lines: number): string;
    measureYaml(lines: number, runs?: number): number;
    yamlSchema: any;
};

/** How many blocks of a kind the mplan text declares. */
function count(text: string, keyword: string): number {
    return (text.match(new RegExp(`^${keyword} `, 'gm')) ?? []).length;
}

/** Channel, platform and budget of every tactic of the mplan text, in order. */
function mplanTactics(text: string): string[] {
    return [...text.matchAll(/^tactic (\S+) \{\n {4}serves (\S+)\n {4}channel (\w+)(?: on (.+))?\n {4}audience (\S+)\n {4}budget (\d+ USD(?: per month)?)\n {4}from (\S+) to (\S+)\n/gm)]
        .map(m => [m[1], m[2], m[3], (m[4] ?? '').replaceAll('"', ''), m[5], m[6], m[7], m[8]].join('|'));
}

/** The same facts of every tactic of the YAML document, in order. */
function yamlTactics(doc: any): string[] {
    return doc.tactics.map((t: any) => [t.name, t.serves.join(), t.channel, (t.platforms ?? []).join(), t.audience.join(), t.budget, t.from, t.to].join('|'));
}

describe('the YAML + ajv baseline of the benchmark', () => {
    const small = generateYaml(1_000);

    it('generates YAML that parses, matches the schema and has no problems', () => {
        const doc = YAML.parse(small);
        expect(doc.plan.name).toBe('Generated');
        expect(doc.tactics.length).toBeGreaterThan(0);
        const result = checkYaml(small);
        expect(result.errors).toEqual([]);
        expect(result.problems).toEqual([]);
        expect(result.valid).toBe(true);
    });

    it('is a draft-07 schema with the channels of the language', () => {
        expect(yamlSchema.$schema).toContain('draft-07');
        expect(yamlSchema.properties.tactics.items.properties.channel.enum).toEqual(expect.arrayContaining(['ppc', 'seo', 'email', 'print', 'phone']));
    });

    it('reports a tactic serving a strategy that does not exist as a problem, not a schema error', () => {
        const broken = small.replace('  - name: Tactic0_2\n    serves: [Strategy0]', '  - name: Tactic0_2\n    serves: [Strategy0x]');
        expect(broken).not.toBe(small);
        const result = checkYaml(broken);
        expect(result.valid).toBe(false);
        expect(result.errors).toEqual([]);
        expect(result.problems).toEqual([expect.objectContaining({ rule: 'unresolved-reference', path: '/tactics/2/serves/0' })]);
        expect(result.problems[0].message).toContain('Strategy0x');
    });

    it('reports the other references and the three first checks', () => {
        const broken = small
            .replace('runs: [Tactic0_0,', 'runs: [Tactic0_9,')
            .replace('targets: [Segment1]', 'targets: [Segment1x]')
            .replace('audience: [Segment2]', 'audience: [Nobody]')
            .replace('spinoffs: [Product1]', 'spinoffs: [Product9]')
            .replace('{ from: Product0, to: Product1, rate: 10% }', '{ from: Product0, to: Product7, rate: 10% }');
        const rules = checkYaml(broken).problems.map(p => `${p.rule} ${p.path}`);
        expect(rules).toEqual(expect.arrayContaining([
            'unresolved-reference /products/0/spinoffs/0',
            'unresolved-reference /strategies/1/targets/0',
            'unresolved-reference /campaigns/0/runs/0',
            'unresolved-reference /funnels/0/upsells/0/to'
        ]));
        expect(rules.filter(r => r.includes('/audience/'))).toHaveLength(1);

        const unguarded = small.replace('money_back: true', 'money_back: false');
        expect(checkYaml(unguarded).problems.map(p => p.rule)).toEqual(['missing-guarantee']);

        const unserved = small.replace('  - name: Tactic0_1\n    serves: [Strategy0]\n', '  - name: Tactic0_1\n');
        expect(checkYaml(unserved).problems.map(p => p.rule)).toEqual(['tactic-without-strategy']);

        const oneOff = small.replace('    spinoffs: [Product1]\n', '').replace(/ {4}upsells:\n.*\n/, '');
        expect(checkYaml(oneOff).errors).toEqual([]);
        expect(checkYaml(oneOff).problems.map(p => p.rule)).toEqual(['no-repeat-buyer-path']);
    });

    it('reports a budget written as a word as a schema error', () => {
        const broken = small.replace('budget: 5000 USD', 'budget: lots');
        const result = checkYaml(broken);
        expect(result.valid).toBe(false);
        expect(result.errors).toEqual([expect.objectContaining({ path: '/campaigns/0/budget', keyword: 'pattern' })]);
    });

    it('reports an unknown channel, a bad date and a misspelt key as schema errors', () => {
        const broken = small.replace('channel: email', 'channel: carrier-pigeon').replace('review: 2027-04-28', 'review: 2027-13-28').replace('statement: Win group 3', 'statment: Win group 3');
        const keywords = checkYaml(broken).errors.map(e => e.keyword).sort();
        expect(keywords).toEqual(['additionalProperties', 'enum', 'pattern']);
    });

    it('reports a YAML syntax error as an error', () => {
        const result = checkYaml('plan: [unclosed\n');
        expect(result.valid).toBe(false);
        expect(result.errors).toHaveLength(1);
    });

    it.each([10, 500, 1_000, 5_000, 20_000])('describes the same plan as generatePlan(%i)', lines => {
        const plan = generatePlan(lines);
        const doc = YAML.parse(generateYaml(lines));
        expect(doc.segments.length).toBe(count(plan, 'segment'));
        expect(doc.strategies.length).toBe(count(plan, 'strategy'));
        expect(doc.tactics.length).toBe(count(plan, 'tactic'));
        expect(doc.campaigns.length).toBe(count(plan, 'campaign'));
        expect(doc.products.length).toBe(count(plan, 'product'));
        expect(doc.competitors.length).toBe(count(plan, 'competitor'));
        // The seeded draws: every tactic's name, strategy, channel, platform, audience, budget and dates.
        expect(yamlTactics(doc)).toEqual(mplanTactics(plan));
        expect(doc.tactics.length).toBe(mplanTactics(plan).length);
        // Campaigns run the same tactics over the same dates.
        const runs = [...plan.matchAll(/^ {4}runs (.+)$/gm)].map(m => m[1]);
        expect(doc.campaigns.map((c: any) => c.runs.join(', '))).toEqual(runs);
        const objectives = [...plan.matchAll(/target (\d+) by (\S+)/g)].map(m => `${m[1]} ${m[2]}`);
        expect(doc.strategies.map((s: any) => `${s.objectives[0].target} ${s.objectives[0].by}`)).toEqual(objectives);
    });

    it('measures a median in milliseconds', () => {
        const ms = measureYaml(500, 3);
        expect(ms).toBeGreaterThan(0);
        expect(ms).toBeLessThan(5_000);
    });
});
