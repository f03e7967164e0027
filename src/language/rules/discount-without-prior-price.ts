import type { Discount, Market, Product } from '../generated/ast.js';
import type { Applying } from '../model/markets.js';
import { formatMoney } from '../model/values.js';
import { sourceAmount } from '../wording.js';
import { applying, blockLabel, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const RULE = 'discount-without-prior-price';

/** "discount 20% on Mug", "discount 5 USD", as the plan writes it. */
function discountText(discount: Discount): string {
    const value = discount.percent ? `${sourceAmount(discount.value)}%` : `${sourceAmount(discount.value)} ${discount.currency ?? ''}`.trim();
    const products = discount.products.map(ref => ref.$refText).filter(name => name);
    return `discount ${value}${products.length > 0 ? ` on ${products.join(', ')}` : ''}`;
}

/** The price a product is sold at in one of these markets (its market price there, else its price), if it states one. */
function priceIn(product: Product, markets: Market[]): { amount: number; currency: string } | undefined {
    const local = product.marketPrices.find(price => price.markets.some(ref => ref.ref && markets.includes(ref.ref)));
    if (local) return { amount: local.amount, currency: local.currency };
    return product.price ? { amount: product.price.amount, currency: product.price.currency } : undefined;
}

/** What to write: the one discounted product's price as the example, else a placeholder. */
function advice(discount: Discount, applies: Applying[]): string {
    const products = discount.products.flatMap(ref => (ref.ref ? [ref.ref] : []));
    const price = products.length === 1 ? priceIn(products[0], applies.flatMap(one => one.markets)) : undefined;
    if (price) {
        return ` If ${products[0].name}'s lowest price in the 30 days before the reduction was its price of ${formatMoney(price)}, write 'prior price ${sourceAmount(price.amount)} ${price.currency}'.`;
    }
    return '';
}

export const discountWithoutPriorPrice: Rule = {
    id: RULE,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A price reduction announced without the prior price (the lowest price of the 30 days before it).',
    check(model, report) {
        for (const offer of model.own.offers) {
            const missing = offer.discounts.filter(discount => !discount.prior);
            if (missing.length === 0) continue;
            const applies = applying(model, RULE, offer);
            if (applies.length === 0) continue;
            for (const discount of missing) {
                report({
                    node: discount,
                    message: `The '${discountText(discount)}' of ${blockLabel(model, offer)} does not give the prior price. A price reduction must show the lowest price the seller charged in the 30 days before it: ${underLaw(applies)}. Add 'prior price' with that price.${advice(discount, applies)}`,
                    data: complianceData(applies)
                });
            }
        }
    }
};
