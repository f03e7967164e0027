import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Found } from '../../helpers.js';
import { LEDGERLY, replaced } from '../../economics-plans.js';

const RULE = 'kpi-without-owner';

/**
 * Ledgerly (test/economics-plans.ts) with two KPIs nobody owns (lines 26 and 27) after the objectives
 * Marta owns (lines 24 and 25), and the people the campaign staffs, who own nothing by that alone.
 */
const PLAN = replaced(LEDGERLY,
    ['    kpi "Return on ad spend" metric roas target at least 1.5x owner Marta review monthly\n',
        '    kpi "Acquisition cost" metric cac target at most 40 EUR review weekly\n    kpi "Churn" metric churn target at most 3% a month\n'],
    ['campaign Launch {\n', 'campaign Launch {\n    staff Marta 50%, Jonas 100% from marketing, product\n']);

/** The plan above with some of its text replaced. */
function ledgerlyWith(...replacements: Array<[string, string]>): string {
    return replaced(PLAN, ...replacements);
}

async function found(text: string | Record<string, string>, file?: string): Promise<Found[]> {
    return (await check(text)).findings(file).filter(f => f.rule === RULE);
}

const NO_OWNER = "has no owner, so nobody is bound to follow its results. Name the person or team who answers for it with 'owner'.";

describe('kpi-without-owner', () => {
    it('fires on the text of each objective and KPI that nobody owns; the plan\'s revisit cadence reviews them', async () => {
        expect(await found(PLAN)).toEqual([
            { rule: RULE, severity: 'info', line: 26, column: 9, endLine: 26, endColumn: 27, message: `KPI "Acquisition cost" of strategy 'SelfServe' ${NO_OWNER}` },
            { rule: RULE, severity: 'info', line: 27, column: 9, endLine: 27, endColumn: 16, message: `KPI "Churn" of strategy 'SelfServe' ${NO_OWNER}` }
        ]);
    });

    it('stays silent when every objective has an owner and a cadence, its own or the plan\'s', async () => {
        const owned = ledgerlyWith(['at most 40 EUR review weekly', 'at most 40 EUR review weekly owner Jonas'], ['at most 3% a month', 'at most 3% a month owner "Jonas Berg"']);
        expect(await found(owned)).toEqual([]);
    });

    it('without a plan cadence, asks each objective for its own review, and says everything that is missing', async () => {
        const messages = (await found(ledgerlyWith(['    revisit quarterly\n', '']))).map(f => `${f.line}: ${f.message}`);
        expect(messages).toEqual([
            "24: Objective \"Recurring revenue\" of strategy 'SelfServe' is reviewed on no cadence: neither it nor the plan says how often its results are looked at. Add 'review' with a cadence (e.g. 'review monthly'), or 'revisit' to the plan block for every objective of the plan.",
            `25: KPI "Acquisition cost" of strategy 'SelfServe' ${NO_OWNER}`,
            "26: KPI \"Churn\" of strategy 'SelfServe' has no owner and is reviewed on no cadence, so nobody is bound to follow its results. Name who answers for it with 'owner', and say how often it is looked at with 'review' (e.g. 'review monthly') or with 'revisit' in the plan block."
        ]);
        const diagnostics = (await check(ledgerlyWith(['    revisit quarterly\n', '']))).documents.get('plan.mplan')!.diagnostics!.filter(d => d.code === RULE);
        expect(diagnostics.map(d => d.data)).toEqual([{ missing: ['review'] }, { missing: ['owner'] }, { missing: ['owner', 'review'] }]);
    });

    it('does not count an empty owner', async () => {
        expect((await found(ledgerlyWith(['owner "Marta Ruiz"', 'owner ""']))).map(f => f.line)).toEqual([24, 26, 27]);
    });

    it('names an objective without text by its strategy', async () => {
        const all = await found(ledgerlyWith(['kpi "Churn"', 'kpi ""']));
        expect(all.map(f => f.message)).toContain(`A KPI of strategy 'SelfServe' ${NO_OWNER}`);
    });

    it('judges a library\'s objectives by the cadence of the plan that imports it, and reports them in the library', async () => {
        const library = PLAN.slice(PLAN.indexOf('segment Freelancers'), PLAN.indexOf('campaign Launch'));
        const plan = `import "strategies.mplan"\n${PLAN.replace(library, '')}`;
        const reviewed = { 'plan.mplan': plan, 'strategies.mplan': library };
        expect((await found(reviewed, 'strategies.mplan')).map(f => f.line)).toEqual([10, 11]);
        expect(await found(reviewed, 'plan.mplan')).toEqual([]);
        const unreviewed = { 'plan.mplan': plan.replace('    revisit quarterly\n', ''), 'strategies.mplan': library };
        expect((await found(unreviewed, 'strategies.mplan')).map(f => f.line)).toEqual([9, 10, 11]);
        // A library no plan imports yet: only the owner, a fact of the objective itself, is asked for.
        expect((await found({ 'strategies.mplan': library })).map(f => f.line)).toEqual([10, 11]);
    });

    it('offers no fix: who owns an objective and how often it is reviewed are the team\'s decisions', async () => {
        expect(await fixesFor(await check(PLAN), RULE)).toEqual([]);
    });
});
