import { GrammarUtils } from 'langium';
import { appendBlock, insertFact } from './edits.js';
import type { Rule } from './rule.js';

/**
 * The guarantee a fix writes: a 30-day refund of the full price, claimed by
 * replying to the receipt, so the terms are disclosed (weak-guarantee) and
 * the user has only to adjust the words.
 */
const TERMS = 'claim "Reply to your receipt" refunds "The full price"';
const GUARANTEE = `guarantee money back 30 days ${TERMS}`;

export const missingGuarantee: Rule = {
    id: 'missing-guarantee',
    severity: 'error',
    area: 'offer',
    scope: 'plan',
    basis: '000 #6',
    description: 'The plan offers no money-back guarantee.',
    check(model, report) {
        if (model.all.offers.some(offer => offer.guarantee?.moneyBack)) return;
        const other = model.all.offers.find(offer => offer.guarantee);
        report({
            node: model.plan!,
            property: 'name',
            message: other
                ? `The plan's guarantee (${model.where(other.guarantee!)}) does not give the money back: most buyers will not purchase without a money-back guarantee. Write 'guarantee money back 30 days'.`
                : `The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'.`,
            related: other ? [{ node: other.guarantee!, message: 'a guarantee that does not give the money back' }] : undefined,
            data: { offers: model.all.offers.length }
        });
    },
    fixKinds: ['suggestion'],
    fix(model) {
        // A guarantee that is not money-back, in this file: make it one.
        const weak = model.own.offers.find(offer => offer.guarantee && !offer.guarantee.moneyBack);
        const kind = weak && GrammarUtils.findNodeForProperty(weak.guarantee!.$cstNode, 'kind');
        if (kind) {
            const guarantee = weak!.guarantee!;
            const term = guarantee.term ? '' : ' 30 days';
            const terms = [guarantee.claim ? '' : ' claim "Reply to your receipt"', guarantee.refunds ? '' : ' refunds "The full price"'].join('');
            const end = guarantee.$cstNode!.range.end;
            const atEnd = kind.range.end.line === end.line && kind.range.end.character === end.character;
            const edits = atEnd
                ? [{ range: kind.range, newText: `money back${term}${terms}` }]
                : [{ range: kind.range, newText: `money back${term}` }, ...(terms ? [{ range: { start: end, end }, newText: terms }] : [])];
            return [{ title: 'Make the guarantee a money-back guarantee (check that you will refund)', kind: 'suggestion', edits }];
        }
        const offer = model.own.offers.find(o => !o.guarantee);
        const edit = offer ? insertFact(model, offer, GUARANTEE) : appendBlock(model, `offer {\n    ${GUARANTEE}\n}`);
        return edit ? [{ title: 'Add a 30-day money-back guarantee (full price, claimed by replying to the receipt; check that you offer it)', kind: 'suggestion', edits: [edit] }] : [];
    }
};
