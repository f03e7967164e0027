/**
 * The stages of a funnel, in order, and which stage a word of a conversion
 * line names (`visitors -> leads at 3%`): the funnel rules and the report read
 * a funnel the same way.
 */

/** The stages of a funnel, in order, as the conversion lines name them. */
export type Stage = 'visitors' | 'leads' | 'customers' | 'repeat';

export const STAGES: readonly Stage[] = ['visitors', 'leads', 'customers', 'repeat'];

/** The words mplan reads as one of the four stages (the language reference lists them). */
export const STAGE_WORDS: Readonly<Record<string, Stage>> = {
    visitors: 'visitors', visitor: 'visitors', visits: 'visitors', traffic: 'visitors',
    leads: 'leads', lead: 'leads', subscribers: 'leads', subscriber: 'leads', signups: 'leads', prospects: 'leads',
    customers: 'customers', customer: 'customers', buyers: 'customers', buyer: 'customers', sales: 'customers', orders: 'customers', purchases: 'customers',
    paying: 'customers', paid: 'customers', paying_customers: 'customers', clients: 'customers', client: 'customers', accounts: 'customers',
    members: 'customers', students: 'customers', enrolments: 'customers', enrollments: 'customers', deals: 'customers', subscriptions: 'customers',
    repeat: 'repeat', repeats: 'repeat', returning: 'repeat', loyal: 'repeat', repeat_buyers: 'repeat', repeat_customers: 'repeat'
};

/** The stage a word of a conversion line names, if it is one of the four. */
export function stageOf(word: string | undefined): Stage | undefined {
    return word ? STAGE_WORDS[word.toLowerCase()] : undefined;
}

/** How a stage reads in a message or the report. */
export function stageName(stage: Stage): string {
    return stage === 'repeat' ? 'repeat buyers' : stage;
}

/** The words mplan reads as people on a free trial. */
export const TRIAL_WORDS: ReadonlySet<string> = new Set(['trials', 'trial', 'trialists', 'trial_users', 'trial_starts', 'free_trials']);

/** Whether a stage word names people on a free trial (`trials`, `trialists`, …). */
export function isTrialStage(word: string | undefined): boolean {
    return word !== undefined && TRIAL_WORDS.has(word.toLowerCase());
}
