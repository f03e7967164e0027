/**
 * What a project can set: the level of each rule and the thresholds RULES.md
 * marks configurable, plus the "as of" date that date-dependent rules judge
 * by. The defaults live here and nowhere else.
 */

export type Level = 'off' | 'info' | 'warning' | 'error';

export const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];

export interface Thresholds {
    /** unfocused-plan: the most products one campaign may promote at once. */
    maxProductsPerCampaign: number;
    /** weak-guarantee: the shortest acceptable guarantee term, in days. */
    minGuaranteeDays: number;
    /** few-payment-options: the fewest payment options a buyer should have. */
    minPaymentOptions: number;
    /** email-too-frequent: the most newsletters or sales e-mails per week. */
    maxEmailsPerWeek: number;
    /** email-too-frequent: the most e-mails one recipient gets per week from newsletters, sales e-mails, follow-ups and flows together. */
    maxEmailsPerRecipientPerWeek: number;
    /** single-channel-dependence: the largest share (percent) of the plan's spend one channel or platform may take. */
    maxChannelShare: number;
    /** The months the plan model projects customers, revenue and lifetime value over. */
    horizonMonths: number;
    /** ltv-below-cac: the smallest acceptable lifetime value, as a multiple of the cost to acquire a customer. */
    minLtvToCac: number;
    /** cac-payback-too-long: the most months of margin a customer may take to pay back what acquiring them cost. */
    maxPaybackMonths: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
    maxProductsPerCampaign: 3,
    minGuaranteeDays: 14,
    minPaymentOptions: 2,
    maxEmailsPerWeek: 1,
    maxEmailsPerRecipientPerWeek: 3,
    maxChannelShare: 80,
    horizonMonths: 12,
    minLtvToCac: 3,
    maxPaybackMonths: 12
});

/**
 * A threshold's docs and bounds, for the validation of mplan.json, its JSON
 * Schema and the docs: whole numbers unless `fractional`, from `minimum` to
 * `maximum`. Every threshold has a maximum, far beyond any real plan's, so
 * that no setting (`1e308`) reaches a rule's arithmetic or a message ("Add
 * 1e+308 more").
 */
export interface ThresholdDoc {
    rule: string;
    description: string;
    minimum: number;
    maximum: number;
    fractional?: boolean;
}

export const THRESHOLD_DOCS: Record<keyof Thresholds, ThresholdDoc> = {
    maxProductsPerCampaign: { rule: 'unfocused-plan', description: 'The most products one campaign may promote at once.', minimum: 1, maximum: 100 },
    minGuaranteeDays: { rule: 'weak-guarantee', description: 'The shortest acceptable money-back guarantee, in days.', minimum: 0, maximum: 3650 },
    minPaymentOptions: { rule: 'few-payment-options', description: 'The fewest payment options a buyer should be offered.', minimum: 1, maximum: 20 },
    maxEmailsPerWeek: { rule: 'email-too-frequent', description: 'The most newsletters or sales e-mails a subscriber should get per week.', minimum: 0, maximum: 100 },
    maxEmailsPerRecipientPerWeek: { rule: 'email-too-frequent', description: 'The most e-mails one recipient should get per week from newsletters, sales e-mails, follow-ups and automated flows together (a flow counts with its busiest week).', minimum: 0, maximum: 100 },
    maxChannelShare: { rule: 'single-channel-dependence', description: 'The largest share of the plan\'s spend, in percent, that one channel or one platform may take.', minimum: 1, maximum: 100 },
    horizonMonths: { rule: 'funnel-unprofitable, ltv-below-cac, cac-payback-too-long, objective-unreachable and the report', description: 'The months over which customers, revenue and lifetime value are projected, from the first month of spend (a KPI without a deadline is judged over them).', minimum: 1, maximum: 600 },
    minLtvToCac: { rule: 'ltv-below-cac', description: 'The smallest acceptable lifetime value of a customer, as a multiple of what it costs to acquire one.', minimum: 0, maximum: 100, fractional: true },
    maxPaybackMonths: { rule: 'cac-payback-too-long', description: 'The most months of margin a customer may need to pay back what acquiring them cost.', minimum: 1, maximum: 600 }
};

export interface Settings {
    /**
     * Rule id -> level, for the rules whose level differs from their default;
     * `*` (EVERY_RULE) sets the level of every rule not named.
     */
    rules: Readonly<Record<string, Level>>;
    thresholds: Readonly<Thresholds>;
    /** The day date-dependent rules judge by (YYYY-MM-DD); today when unset. */
    asOf?: string;
    /**
     * Which end of the plan's ranges (`2% to 4%`) the money rules judge by:
     * `pessimistic` (the default) reports what fails at the worse end,
     * `optimistic` only what fails even at the better end.
     */
    ranges?: RangeEnd;
    /**
     * The compliance rule packs, one per jurisdiction (US, CA, EU, UK): `off`
     * switches every compliance rule off for the markets of that jurisdiction.
     * All are on unless named here.
     */
    packs?: Readonly<Partial<Record<'US' | 'CA' | 'EU' | 'UK', PackState>>>;
}

export type PackState = 'on' | 'off';

export const PACK_STATES: readonly PackState[] = ['on', 'off'];

export type RangeEnd = 'pessimistic' | 'optimistic';

export const RANGE_ENDS: readonly RangeEnd[] = ['pessimistic', 'optimistic'];

/** Whether findings judge ranges at their pessimistic end (the default). */
export function judgesPessimistic(settings: Settings): boolean {
    return settings.ranges !== 'optimistic';
}

/** The key of `rules` that sets the level of every rule the settings do not name. */
export const EVERY_RULE = '*';

/** The level a rule runs at: its own setting, else the setting for every rule, else its default. */
export function ruleLevel(rule: { readonly id: string; readonly severity: Level }, settings: Settings): Level {
    return settings.rules[rule.id] ?? settings.rules[EVERY_RULE] ?? rule.severity;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ rules: {}, thresholds: DEFAULT_THRESHOLDS });

/** Today's date as YYYY-MM-DD, in UTC. */
export function today(): string {
    return new Date().toISOString().slice(0, 10);
}
