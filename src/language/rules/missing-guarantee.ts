import { GrammarUtils } from 'langium';
import { appendBlock, insertFact } from './edits.js';
import type { Rule } from './rule.js';

const GUARANTEE = 'guarantee money back 30 days';

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
    fix(model) {
        // A guarantee that is not money-back, in this file: make it one.
        const weak = model.own.offers.find(offer => offer.guarantee && !offer.guarantee.moneyBack);
        const kind = weak && GrammarUtils.findNodeForProperty(weak.guarantee!.$cstNode, 'kind');
        if (kind) {
            const term = weak!.guarantee!.term ? '' : ' 30 days';
            return [{ title: 'Make the guarantee a 30-day money-back guarantee', edits: [{ range: kind.range, newText: `money back${term}` }], preferred: true }];
        }
        const offer = model.own.offers.find(o => !o.guarantee);
        const edit = offer ? insertFact(model, offer, GUARANTEE) : appendBlock(model, `offer {\n    ${GUARANTEE}\n}`);
        return edit ? [{ title: 'Add a 30-day money-back guarantee', edits: [edit], preferred: true }] : [];
    }
};
