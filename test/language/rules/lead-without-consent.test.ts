import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell phones to busy professionals"
    currency EUR
}
`;

const INSTEAD = 'Collect addresses people give willingly: an opt-in form offering something free, a survey, or an unticked checkbox at checkout.';

describe('lead-without-consent', () => {
    it('fires on a bought list, placed on the capture method', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by bought list\n    confirm by email\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'lead-without-consent', severity: 'error', line: 6, column: 22, endLine: 6, endColumn: 33,
            message: `The people on a bought list never agreed to hear from you: e-mailing them is spam, which hurts deliverability and the business's name. ${INSTEAD}`
        });
    });

    it('fires on scraped addresses', async () => {
        const result = await check(PLAN + 'funnel { collect leads by scraped addresses }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'lead-without-consent', severity: 'error', line: 5, column: 27,
            message: `Scraped addresses were never given to you: e-mailing them is spam, which hurts deliverability and the business's name. ${INSTEAD}`
        }));
    });

    it('says that a double opt-in does not make a bought list lawful', async () => {
        const result = await check(PLAN + 'funnel { collect leads by bought list double optin }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'lead-without-consent',
            message: expect.stringContaining('A double opt-in does not cure it: the confirmation request is itself unsolicited.')
        }));
    });

    it('reports each capture without consent once', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by bought list\n    collect leads by optin form offering ebook "Guide"\n    collect leads by scraped addresses\n}\n');
        expect(result.findings().filter(f => f.rule === 'lead-without-consent').map(f => f.line)).toEqual([6, 8]);
    });

    it.each([
        ['an opt-in form', 'collect leads by optin form'],
        ['a survey', 'collect leads by survey offering report "Checklist"'],
        ['a checkbox', 'collect leads by checkbox at checkout unticked'],
        ['a ticked checkbox (pre-checked-consent reports it)', 'collect leads by checkbox ticked']
    ])('does not fire on %s', async (_, capture) => {
        const result = await check(PLAN + `funnel {\n    ${capture}\n}\n`);
        expect(result.rules()).not.toContain('lead-without-consent');
    });

    it('fires in a library on its own: spam is spam whatever plan uses it', async () => {
        const result = await check({ 'leads.mplan': 'funnel { collect leads by bought list }\n' });
        expect(result.rules('leads.mplan')).toContain('lead-without-consent');
    });

    it('reports in the file that declares the capture, not in the plan importing it', async () => {
        const result = await check({
            'plan.mplan': 'import "leads.mplan"\n' + PLAN,
            'leads.mplan': '// bought in 2026\nfunnel { collect leads by scraped addresses }\n'
        });
        expect(result.rules()).not.toContain('lead-without-consent');
        expect(result.findings('leads.mplan')).toContainEqual(expect.objectContaining({ rule: 'lead-without-consent', line: 2, column: 27 }));
    });
});
