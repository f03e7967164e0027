/**
 * Automated flows (`flow AbandonedCart { … }`) read as a schedule: when each
 * step goes out after the trigger (each step's delay counts from the step
 * before it), how many messages one recipient gets in the flow's busiest
 * week, and what a flow is for (a welcome, a flow after a purchase). The
 * funnel and e-mail rules, the report's timeline and hover read it.
 */
import { isAudience, type Flow, type FlowStep } from '../generated/ast.js';

const MINUTES: Record<string, number> = {
    minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440, week: 10_080, weeks: 10_080,
    month: 43_830, months: 43_830, quarter: 131_490, quarters: 131_490, year: 525_960, years: 525_960
};

/** A step's delay in minutes (0 for a step without one: it goes out at once); undefined for a delay half written. */
export function delayMinutes(step: FlowStep): number | undefined {
    if (!step.delay) return 0;
    const unit = MINUTES[step.delay.unit ?? ''];
    return typeof step.delay.amount === 'number' && unit !== undefined ? step.delay.amount * unit : undefined;
}

/** A step and when it goes out, in minutes after the trigger. */
export interface TimedStep {
    step: FlowStep;
    at: number;
}

/** The steps of a flow with the minute after the trigger each goes out; a step whose delay cannot be read ends the schedule there. */
export function schedule(flow: Flow): TimedStep[] {
    const out: TimedStep[] = [];
    let at = 0;
    for (const step of flow.steps) {
        const delay = delayMinutes(step);
        if (delay === undefined) break;
        at += delay;
        out.push({ step, at });
    }
    return out;
}

/** The most messages of a flow that fall within any seven days: what one recipient gets in its busiest week. */
export function busiestWeek(flow: Flow): number {
    const times = schedule(flow).map(s => s.at);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i] - times[j] >= MINUTES.week) j++;
        most = Math.max(most, i - j + 1);
    }
    return most;
}

/** "at once", "after 1 hour", "day 3", "week 5": when a step goes out, as a timeline reads it. */
export function whenText(at: number): string {
    if (at === 0) return 'at once';
    if (at < MINUTES.day) {
        const hours = at / 60;
        return hours >= 1 && Number.isInteger(hours) ? `after ${hours} hour${hours === 1 ? '' : 's'}` : `after ${at} minute${at === 1 ? '' : 's'}`;
    }
    const days = at / MINUTES.day;
    const rounded = Math.round(days * 10) / 10;
    return `day ${rounded}`;
}

const WELCOME_WORDS = ['sign', 'subscri', 'join', 'optin', 'opt-in', 'opt in', 'regist', 'welcome', 'lead'];
const PURCHASE_WORDS = ['purchas', 'order', 'bought', 'buyer', 'customer', 'deliver'];

function mentions(text: string | undefined, words: readonly string[]): boolean {
    const lower = (text ?? '').toLowerCase();
    return lower !== '' && words.some(word => lower.includes(word));
}

/**
 * Whether a flow greets new subscribers at once: it starts when someone signs
 * up (`trigger signup`, `trigger "joined the list"`) or is called a welcome,
 * and its first step goes out within an hour.
 */
export function isWelcome(flow: Flow): boolean {
    const first = schedule(flow)[0];
    if (!first || first.at > 60) return false;
    return mentions(flow.trigger?.value, WELCOME_WORDS) || mentions(flow.name, ['welcome']) || mentions(flow.title, ['welcome']);
}

/** Whether a flow follows buyers after a purchase: its trigger or its audience's behaviour is a purchase, an order, a past buyer. */
export function followsBuyers(flow: Flow): boolean {
    if (flow.steps.length === 0) return false;
    if (mentions(flow.trigger?.value, PURCHASE_WORDS)) return true;
    return flow.audience.some(ref => isAudience(ref.ref) && mentions(ref.ref.behaviour?.value, PURCHASE_WORDS));
}

/** An e-mail flow with at least one step. */
export function mailsByEmail(flow: Flow): boolean {
    return flow.channel === 'email' && flow.steps.length > 0;
}
