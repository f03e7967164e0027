import { COMPLIANCE_RULES, COUNTRY_CODES, countriesOf, isCountryCode, isLanguageCode, isTimeZone, LANGUAGE_CODES } from '../model/markets.js';
import { nearestNames } from '../model/names.js';
import type { Rule } from './rule.js';

/** A code written in the wrong case (`us`, `EN`) is still the code it means. */
function nearestCode(word: string, codes: readonly string[]): string | undefined {
    const cased = codes.find(code => code.toLowerCase() === word.toLowerCase());
    return cased ?? nearestNames(word, codes)[0];
}

export const marketUnstated: Rule = {
    id: 'market-unstated',
    severity: 'info',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A plan that sells or sends messages but names no market, so no law-specific check can run.',
    check(model, report) {
        if (model.isPlan && model.all.markets.length === 0) {
            const { products, tactics, flows, funnels, campaigns, offers } = model.all;
            const sells = products.length + tactics.length + flows.length + funnels.length + campaigns.length + offers.length > 0;
            if (sells && model.plan) {
                report({
                    node: model.plan,
                    property: 'name',
                    message: `Plan '${model.plan.name}' names no market, so none of the ${COMPLIANCE_RULES.length} law-specific checks can run (consent records, SMS consent and hours, opt-out times, disclosures, reviews, price reductions, green claims, cookies, withdrawal rights). Add a 'market' block for each country or region you sell in, such as 'market US { country US  language en  currency USD }'.`
                });
            }
        }
        for (const market of model.own.markets) {
            market.countries.forEach((code, index) => {
                if (isCountryCode(code)) return;
                const near = nearestCode(code, COUNTRY_CODES);
                report({ node: market, property: 'countries', index, message: `'${code}' is not a country or region code (ISO 3166-1 alpha-2, or EU or UK)${near ? `; did you mean '${near}'?` : ''} Market '${market.name}' is not checked against the law of a country mplan cannot tell.`, data: near ? { code: near, written: code } : undefined });
            });
            if (market.countries.length === 0 && countriesOf(market).length === 0) {
                const near = market.name ? nearestCode(market.name, COUNTRY_CODES) : undefined;
                report({ node: market, property: 'name', message: `Market '${market.name}' names no country or region by its ISO code, so no law-specific check can run for it. Add 'countries' with the codes it covers${near ? ` (for example 'country ${near}')` : ' (for example \'countries DE, FR\', or \'country EU\' for the whole Union)'}.` });
            }
            market.languages.forEach((code, index) => {
                if (isLanguageCode(code)) return;
                const [base, region] = code.split('-');
                const normal = `${base.toLowerCase()}${region ? `-${region.toUpperCase()}` : ''}`;
                const near = isLanguageCode(normal) ? normal : nearestCode(base, LANGUAGE_CODES);
                report({ node: market, property: 'languages', index, message: `'${code}' is not a language code (ISO 639-1, such as en, fr or pt-BR)${near ? `; did you mean '${near}'?` : ''}`, data: near ? { code: near, written: code } : undefined });
            });
            market.zones.forEach((zone, index) => {
                if (isTimeZone(zone)) return;
                report({ node: market, property: 'zones', index, message: `"${zone}" is not a time zone mplan knows (an IANA name such as "America/New_York" or "Europe/Berlin"): the hours of market '${market.name}' cannot be told in its recipients' time.` });
            });
        }
    },
    fixKinds: ['safe', 'suggestion'],
    fix(_model, finding) {
        const code = finding.data?.code, written = finding.data?.written;
        if (typeof code !== 'string' || typeof written !== 'string') return [];
        const edits = [{ range: finding.range, newText: code }];
        // The same code in another case is a repair of form; another code is the marketer's to confirm.
        return code.toLowerCase() === written.toLowerCase()
            ? [{ title: `Write '${code}'`, kind: 'safe', edits, preferred: true }]
            : [{ title: `Change '${written}' to '${code}' (check that this is the one you mean)`, kind: 'suggestion', edits }];
    }
};
