import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Found } from '../../helpers.js';

const RULE = 'kpi-without-owner';

const LEDGERLY = `plan Ledgerly "Ledgerly: year one" {
    goal "Become the bookkeeping tool of one-person businesses"
    currency EUR
    focus Ledgerly
    revisit quarterly
}

product Ledgerly "Ledgerly accounting" {
    tier Solo 15 EUR per month share 75%
    tier Team 45 EUR per month share 25%
    trial 30 days converts 20%
    benefit "Books closed in ten minutes a month"
}

segment Freelancers {
    who "Freelancers who do their own books"
}

strategy SelfServe {
    statement "Let freelancers try it and stay"
    targets Freelancers
    objective "Paying accounts" metric accounts target at least 400 by 2027-12-31 owner "Marta Ruiz" review monthly
    objective "Recurring revenue" metric mrr target 5_000 EUR by 2027-12-31 owner Marta
    kpi "Acquisition cost" metric cac target at most 40 EUR review weekly
    kpi "Churn" metric churn target at most 3% a month
}

campaign Launch {
    staff Marta 50%, Jonas 100% from marketing, product
    budget 4_000 EUR per month
    from 2027-03-01 to 2027-05-31
}
`;

function ledgerlyWith(...replacements: Array<[string, string]>): string {
    let text = LEDGERLY;
    for (const [from, to] of replacements) {
        if (!text.includes(from)) throw new Error(`no '${from}' in the plan`);
        text = text.replace(from, to);
    }
    return text;
}

async function found(text: string | Record<string, string>, file?: string): Promise<Found[]> {
    return (await check(text)).findings(file).filter(f => f.rule === RULE);
}

const NO_OWNER = "has no owner, so nobody is bound to follow its results. Name the person or team who answers for it with 'owner'.";

describe('kpi-without-owner', () => {
    it('fires on the text of each objective and KPI that nobody owns; the plan\'s revisit cadence reviews them', async () => {
        expect(await found(LEDGERLY)).toEqual([
            { rule: RULE, severity: 'info', line: 24, column: 9, endLine: 24, endColumn: 27, message: `KPI "Acquisition cost" of strategy 'SelfServe' ${NO_OWNER}` },
            { rule: RULE, severity: 'info', line: 25, column: 9, endLine: 25, endColumn: 16, message: `KPI "Churn" of strategy 'SelfServe' ${NO_OWNER}` }
        ]);
    });

    it('stays silent when every objective has an owner and a cadence, its own or the plan\'s', async () => {
        const owned = ledgerlyWith(['at most 40 EUR review weekly', 'at most 40 EUR review weekly owner Jonas'], ['at most 3% a month', 'at most 3% a month owner "Jonas Berg"']);
        expect(await found(owned)).toEqual([]);
    });

    it('without a plan cadence, asks each objective for its own review, and says everything that is missing', async () => {
        const messages = (await found(ledgerlyWith(['    revisit quarterly\n', '']))).map(f => `${f.line}: ${f.message}`);
        expect(messages).toEqual([
            "22: Objective \"Recurring revenue\" of strategy 'SelfServe' is reviewed on no cadence: neither it nor the plan says how often its results are looked at. Add 'review' with a cadence (e.g. 'review monthly'), or 'revisit' to the plan block for every objective of the plan.",
            `23: KPI "Acquisition cost" of strategy 'SelfServe' ${NO_OWNER}`,
            "24: KPI \"Churn\" of strategy 'SelfServe' has no owner and is reviewed on no cadence, so nobody is bound to follow its results. Name who answers for it with 'owner', and say how often it is looked at with 'review' (e.g. 'review monthly') or with 'revisit' in the plan block."
        ]);
        const diagnostics = (await check(ledgerlyWith(['    revisit quarterly\n', '']))).documents.get('plan.mplan')!.diagnostics!.filter(d => d.code === RULE);
        expect(diagnostics.map(d => d.data)).toEqual([{ missing: ['review'] }, { missing: ['owner'] }, { missing: ['owner', 'review'] }]);
    });

    it('does not count an empty owner', async () => {
        expect((await found(ledgerlyWith(['owner "Marta Ruiz"', 'owner ""']))).map(f => f.line)).toEqual([22, 24, 25]);
    });

    it('names an objective without text by its strategy', async () => {
        const all = await found(ledgerlyWith(['kpi "Churn"', 'kpi ""']));
        expect(all.map(f => f.message)).toContain(`A KPI of strategy 'SelfServe' ${NO_OWNER}`);
    });

    it('judges a library\'s objectives by the cadence of the plan that imports it, and reports them in the library', async () => {
        const library = LEDGERLY.slice(LEDGERLY.indexOf('segment Freelancers'), LEDGERLY.indexOf('campaign Launch'));
        const plan = `import "strategies.mplan"\n${LEDGERLY.replace(library, '')}`;
        const reviewed = { 'plan.mplan': plan, 'strategies.mplan': library };
        expect((await found(reviewed, 'strategies.mplan')).map(f => f.line)).toEqual([10, 11]);
        expect(await found(reviewed, 'plan.mplan')).toEqual([]);
        const unreviewed = { 'plan.mplan': plan.replace('    revisit quarterly\n', ''), 'strategies.mplan': library };
        expect((await found(unreviewed, 'strategies.mplan')).map(f => f.line)).toEqual([9, 10, 11]);
        // A library no plan imports yet: only the owner, a fact of the objective itself, is asked for.
        expect((await found({ 'strategies.mplan': library })).map(f => f.line)).toEqual([10, 11]);
    });

    it('offers no fix: who owns an objective and how often it is reviewed are the team\'s decisions', async () => {
        expect(await fixesFor(await check(LEDGERLY), RULE)).toEqual([]);
    });
});
