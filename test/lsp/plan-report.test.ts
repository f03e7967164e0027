import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/language/report/report-data.js';
import { fixtureWorkspace, LspClient, PINNED, PLANS, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/**
 * A copy of the bakery plan (four files, the fixture copy), judged by the pinned rules as of a fixed day,
 * and the URIs of its files.
 */
function bakery() {
    const dir = fixtureWorkspace('corner-bakery', { asOf: '2027-01-15' }, 'mplan-report-');
    const at = (path: string) => ({ path: join(dir, path), uri: uri(join(dir, path)) });
    return { dir, plan: at('plan.mplan'), market: at('shared/market.mplan'), offer: at('shared/offer.mplan') };
}

function planReport(target: string): Promise<PlanReport | null> {
    return client!.request<PlanReport | null>('mplan/planReport', { uri: target });
}

describe('mplan/planReport over LSP', () => {
    it('answers the report of a workspace plan, with its imports and the workspace settings, without opening it', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        const report = (await planReport(ws.plan.uri))!;
        expect(report.uri).toBe(ws.plan.uri);
        expect(report.asOf).toBe('2027-01-15');
        expect(report.plan).toMatchObject({ name: 'CornerBakery', totalBudget: { amount: 10_000 }, plannedSpend: { amount: 6_500 }, findings: { error: 0, warning: 0, info: 0 } });
        expect(report.plan.counts.files).toBe(4);
        expect(report.budget.byChannel.map(row => [row.name, row.amount])).toEqual([['ppc', 3_000], ['seo', 1_500], ['print', 2_000]]);
        // Items point into the files they are written in, so the preview can reveal them.
        expect(report.budget.byCampaign[0].location).toEqual({ uri: ws.plan.uri, range: { start: { line: 54, character: 0 }, end: { line: 62, character: 1 } } });
        expect(report.funnel.funnels[0].location!.uri).toBe(ws.offer.uri);
    });

    it('answers null for a library and for a document it does not know', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        expect(await planReport(ws.market.uri)).toBeNull();
        expect(await planReport(uri(join(ws.dir, 'nowhere.mplan')))).toBeNull();
        expect(await client.request('mplan/planReport', {})).toBeNull();
    });

    it('answers from the text being edited, once the edits sent before the request are built', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        const text = readFileSync(ws.plan.path, 'utf8');
        await client.open(ws.plan.uri, text);
        // The request follows the edit at once, without waiting for its diagnostics.
        void client.change(ws.plan.uri, text.replace('budget 10_000 USD', 'budget 5_000 USD'));
        const report = (await planReport(ws.plan.uri))!;
        expect(report.budget.byCampaign[0]).toMatchObject({ budget: 5_000, spend: 6_500, left: -1_500 });
        expect(report.readiness.areas.find(area => area.area === 'campaign')!.score).toBe(75);
        expect(report.findings.areas.flatMap(area => area.rules.map(rule => rule.id))).toEqual(['budget-overrun']);
        void client.change(ws.plan.uri, text.replace('plan CornerBakery {', 'plan CornerBakeryDowntown {'));
        expect((await planReport(ws.plan.uri))!.plan.name).toBe('CornerBakeryDowntown');
    });

    it('quotes each rule\'s rationale from the docs pages shipped beside the server', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const path = join(PLANS, 'ebook-list.mplan');
        await client.open(uri(path), readFileSync(path, 'utf8'));
        const report = (await planReport(uri(path)))!;
        const guarantee = report.findings.areas.find(area => area.area === 'offer')!.rules.find(rule => rule.id === 'missing-guarantee')!;
        expect(guarantee.rationale).toMatch(/^Most people will not buy online from a seller they do not know/);
        expect(guarantee.docsUrl).toBe('https://github.com/mplan-dev/mplan/blob/main/docs/rules/missing-guarantee.md');
        expect(guarantee.findings[0]).toMatchObject({ severity: 'error', line: 21, location: { uri: uri(path) } });
    });
});
