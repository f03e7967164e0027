import { GrammarUtils } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Offer } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import { appendBlock, insertFact } from './edits.js';
import type { Rule } from './rule.js';
import { listed } from '../wording.js';

/** Ways to pay the quick fix suggests, most common first. */
const SUGGESTED = ['card', 'paypal', 'invoice', 'banktransfer', 'applepay', 'googlepay'];

/** The distinct payment options of a set of offers, as first written (compared without case). */
function optionsOf(offers: Offer[]): string[] {
    const seen = new Map<string, string>();
    for (const offer of offers) {
        for (const option of offer.payments) {
            const key = option.toLowerCase();
            if (option && !seen.has(key)) seen.set(key, option);
        }
    }
    return [...seen.values()];
}

/** The options to add so that the plan reaches `min`, chosen among those not listed yet. */
function toAdd(options: string[], min: number): string[] {
    const listed = new Set(options.map(o => o.toLowerCase()));
    return SUGGESTED.filter(o => !listed.has(o)).slice(0, Math.max(0, min - options.length));
}

/** Extends the payments of this file's first offer that lists some, or adds a payments line or an offer. */
function addOptions(model: PlanModel, added: string[]): TextEdit | undefined {
    const listing = model.own.offers.find(offer => offer.payments.length > 0);
    if (listing) {
        const last = GrammarUtils.findNodesForProperty(listing.$cstNode, 'payments').at(-1);
        return last && { range: { start: last.range.end, end: last.range.end }, newText: `, ${added.join(', ')}` };
    }
    const fact = `payments ${added.join(', ')}`;
    const offer = model.own.offers[0];
    return offer ? insertFact(model, offer, fact) : appendBlock(model, `offer {\n    ${fact}\n}`);
}

export const fewPaymentOptions: Rule = {
    id: 'few-payment-options',
    severity: 'warning',
    area: 'offer',
    scope: 'plan',
    basis: '000 #3',
    description: 'The plan offers fewer ways to pay than the minimum.',
    check(model, report) {
        const min = model.settings.thresholds.minPaymentOptions;
        const options = optionsOf(model.all.offers);
        if (options.length >= min) return;
        const suggestion = toAdd(options, min);
        const add = suggestion.length > 0 ? ` (for example ${listed(suggestion)})` : '';
        const why = 'a choice of payment options helps convince hesitant buyers to shop with you';
        const message = options.length === 0
            ? `The plan names no payment option: ${why}. Add 'payments' with at least ${min} ways to pay${add} to an offer.`
            : `The plan offers ${options.length === 1 ? 'only one way' : `only ${options.length} ways`} to pay (${options.join(', ')}), fewer than ${min}: ${why}. Add ${min - options.length === 1 ? 'one more' : `${min - options.length} more`}${add} to 'payments'.`;
        report({
            node: model.plan!,
            property: 'name',
            message,
            data: { options, minimum: min },
            related: model.all.offers
                .filter(offer => offer.payments.length > 0)
                .map(offer => ({ node: offer, message: `payment options: ${offer.payments.join(', ')}` }))
        });
    },
    fixKinds: ['suggestion'],
    fix(model) {
        const added = toAdd(optionsOf(model.all.offers), model.settings.thresholds.minPaymentOptions);
        if (added.length === 0) return [];
        const edit = addOptions(model, added);
        const title = added.length === 1
            ? `Add a payment method: ${added[0]} (check that you accept it)`
            : `Add payment methods: ${listed(added)} (check that you accept them)`;
        return edit ? [{ title, kind: 'suggestion', edits: [edit] }] : [];
    }
};
