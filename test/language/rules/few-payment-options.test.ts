import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS } from '../../../src/language/config/settings.js';
import { check, fixesFor, services } from '../../helpers.js';

const RULE = 'few-payment-options';

const HEADER = `plan EbookShop {
    goal "Sell 500 copies of the sourdough e-book"
    currency EUR
}
`;

/** A plan whose one offer lists these payment options. */
function planPaying(payments: string): string {
    return `${HEADER}offer {\n    guarantee money back 30 days\n    payments ${payments}\n}\n`;
}

function setMinimum(minPaymentOptions: number): void {
    services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, minPaymentOptions } });
}

/** Applies the one fix offered, checks the result again and returns it with the rule ids still found. */
async function fixed(files: Record<string, string>, file = 'plan.mplan'): Promise<{ title: string; result: string; rules: string[] }> {
    const fixes = await fixesFor(await check(files), RULE, file);
    expect(fixes).toHaveLength(1);
    // A suggestion: the shop may not accept what is added, so "fix all" in an editor must not write it.
    expect(fixes[0].preferred).toBe(false);
    const rules = (await check({ ...files, [file]: fixes[0].result })).rules(file);
    expect(rules).not.toContain('syntax-error');
    return { title: fixes[0].title, result: fixes[0].result, rules };
}

describe('few-payment-options', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(DEFAULT_SETTINGS));

    it('does not fire with two payment options (the default minimum)', async () => {
        expect((await check(planPaying('card, paypal'))).rules()).not.toContain(RULE);
    });

    it('fires on the plan name with one payment option, naming it and pointing at the offer', async () => {
        const result = await check(planPaying('card'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 15,
            message: "The plan offers only one way to pay (card), fewer than 2: a choice of payment options helps convince hesitant buyers to shop with you. Add one more (for example paypal) to 'payments'."
        });
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[5, 'payment options: card']]);
    });

    it('fires when the plan names no payment option at all', async () => {
        const result = await check(`${HEADER}offer {\n    guarantee money back 30 days\n}\n`);
        expect(result.findings().find(f => f.rule === RULE)?.message).toBe(
            "The plan names no payment option: a choice of payment options helps convince hesitant buyers to shop with you. Add 'payments' with at least 2 ways to pay (for example card and paypal) to an offer."
        );
    });

    it('counts the same option once, whatever its case', async () => {
        const result = await check(`${planPaying('card, Card')}offer Extra { payments CARD }\n`);
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain('only one way to pay (card)');
    });

    it('counts the options of every offer of the plan, imports included', async () => {
        const result = await check({ 'plan.mplan': `import "pay.mplan"\n${planPaying('card')}`, 'pay.mplan': 'offer Invoice { payments invoice }\n' });
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });

    it('does not count the options of a file the plan does not import', async () => {
        const result = await check({ 'plan.mplan': planPaying('card'), 'pay.mplan': 'offer Invoice { payments invoice }\n' });
        expect(result.rules('plan.mplan')).toContain(RULE);
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'pay.mplan': 'offer { payments card }\n', 'plan.mplan': `import "pay.mplan"\n${planPaying('paypal')}` });
        expect(result.rules('pay.mplan')).not.toContain(RULE);
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });

    it('follows the configured minimum, at the limit and one under it', async () => {
        setMinimum(3);
        expect((await check(planPaying('card, paypal, invoice'))).rules()).not.toContain(RULE);
        const result = await check(planPaying('card, paypal'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toBe(
            "The plan offers only 2 ways to pay (card, paypal), fewer than 3: a choice of payment options helps convince hesitant buyers to shop with you. Add one more (for example invoice) to 'payments'."
        );
        setMinimum(1);
        expect((await check(planPaying('card'))).rules()).not.toContain(RULE);
    });

    describe('quick fix', () => {
        it('extends the payments of the plan file\'s offer with an option not listed yet', async () => {
            const { title, result, rules } = await fixed({ 'plan.mplan': planPaying('card') });
            expect(title).toBe('Add a payment method: paypal (check that you accept it)');
            expect(result).toBe(planPaying('card, paypal'));
            expect(rules).not.toContain(RULE);
        });

        it('skips the suggestions the plan already lists', async () => {
            const { result, rules } = await fixed({ 'plan.mplan': planPaying('paypal') });
            expect(result).toBe(planPaying('paypal, card'));
            expect(rules).not.toContain(RULE);
        });

        it('adds as many options as the minimum needs', async () => {
            setMinimum(4);
            const { title, result, rules } = await fixed({ 'plan.mplan': planPaying('card') });
            expect(title).toBe('Add payment methods: paypal, invoice and banktransfer (check that you accept them)');
            expect(result).toBe(planPaying('card, paypal, invoice, banktransfer'));
            expect(rules).not.toContain(RULE);
        });

        it('adds a payments line to an offer of this file that has none', async () => {
            const text = `${HEADER}offer {\n    guarantee money back 30 days\n}\n`;
            const { title, result, rules } = await fixed({ 'plan.mplan': text });
            expect(title).toBe('Add payment methods: card and paypal (check that you accept them)');
            expect(result).toBe(`${HEADER}offer {\n    payments card, paypal\n    guarantee money back 30 days\n}\n`);
            expect(rules).not.toContain(RULE);
        });

        it('appends an offer when the plan file has none, choosing options the imported offers do not list', async () => {
            const files = { 'plan.mplan': `import "pay.mplan"\n${HEADER}`, 'pay.mplan': 'offer Shop { guarantee money back 30 days payments Card }\n' };
            const { title, result, rules } = await fixed(files);
            expect(title).toBe('Add a payment method: paypal (check that you accept it)');
            expect(result).toBe(`import "pay.mplan"\n${HEADER}\noffer {\n    payments paypal\n}\n`);
            expect(rules).not.toContain(RULE);
        });
    });
});
