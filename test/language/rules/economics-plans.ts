/**
 * The plans the funnel economics rule tests (funnel-unprofitable, ltv-below-cac, cac-payback-too-long)
 * start from, with their figures worked out by hand, and a way to judge them by other thresholds.
 */
import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../../src/language/config/settings.js';
import { services, TEST_SETTINGS } from '../../helpers.js';

/**
 * A coffee subscription with healthy retention: 12,000 visitors a month × 4% × 25% = 120 subscribers a
 * month, January to June: 720 subscribers. Each pays 19 USD a month at a 60% margin (11.40 USD) and 95%
 * stay each month, so a subscriber brings 11.40 × (1 − 0.95^12) / 0.05 = 104.80 USD of margin in their
 * first 12 months, and one won in month m (0 to 5) the months left: 62,930.62 USD of margin in all,
 * 10,488.44 USD for each of the six months of spend. The funnel's title is on line 19, its visitors on
 * line 20.
 */
export const COFFEE = `plan BeanBox "Bean Box: year one" {
    goal "1,500 coffee subscribers by the end of 2027"
    currency USD
    focus CoffeeClub
}

product CoffeeClub "Coffee Club subscription" {
    price 19 USD per month
    margin 60%
    churn 5% a month
    benefit "Roasted this week, at your door three days later"
}

campaign Launch {
    budget 10_488 USD per month
    from 2027-01-01 to 2027-06-30
}

funnel "Tasting-box funnel" {
    visitors 12_000 per month
    conversion visitors to tasters 4%
    conversion tasters to subscribers 25%
    first purchase at subscribers
}
`;

/**
 * Accounting software sold after a 30-day trial: 500 trials a month, March to May, and 1,000 trials
 * already running, of which 20% pay: 500 paying customers. Each pays 25 EUR a month (20 EUR of margin
 * after a unit cost of 5 EUR) from the month after the trial, and 90% stay each month. 30,000 EUR a
 * month is 90,000 EUR: 180 EUR to win a paying customer.
 */
export const LEDGERLY = `plan Ledgerly "Ledgerly: year one" {
    goal "3,000 paying accounts by 2028"
    currency EUR
    focus Ledgerly
}

product Ledgerly "Ledgerly accounting" {
    price 25 EUR per month
    trial 30 days converts 20%
    unit cost 5 EUR
    retention 90% per month
}

campaign Launch {
    budget 30_000 EUR per month
    from 2027-03-01 to 2027-05-31
}

funnel "Trial funnel" {
    expect 500 trials per month
    list 1_000 trials
}
`;

/** A plan with some of its text replaced; each text must be there. */
export function replaced(text: string, ...replacements: Array<[string, string]>): string {
    for (const [from, to] of replacements) {
        if (!text.includes(from)) throw new Error(`no '${from}' in the plan`);
        text = text.replace(from, to);
    }
    return text;
}

/** Makes the tests of the calling suite judge by other thresholds, and puts the test settings back after each. */
export function withThresholds(thresholds: Partial<Thresholds>): void {
    beforeEach(() => services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds } }));
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));
}
