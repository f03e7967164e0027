/**
 * What the compliance rules share: the provisions that apply to a block (its
 * markets, its days, the packs switched on) and how a finding names them.
 */
import type { Campaign, Flow, Funnel, Market, Offer, Segment, Tactic } from '../generated/ast.js';
import { citation, daysOf, lawsApplying, marketsOf, marketNames, type Applying } from '../model/markets.js';
import type { PlanModel } from '../model/plan-model.js';

/** The provisions of `rule` that apply to a block of the plan, with the markets each applies in. */
export function applying(model: PlanModel, rule: string, block: Tactic | Flow | Campaign | Funnel | Offer | Segment): Applying[] {
    if (model.marketLookup.markets.length === 0) return [];
    const markets = marketsOf(block, model.marketLookup);
    if (markets.length === 0) return [];
    return lawsApplying(rule, markets, daysOf(block as { $type: string }, model.marketLookup, model.asOf), jurisdiction => model.packOn(jurisdiction));
}

/** "market US (CAN-SPAM Act of 2003, 15 U.S.C. 7704(a)(4))", one clause per provision. */
export function underLaw(applies: Applying[]): string {
    return applies.map(one => `${marketNames(one.markets)} (${citation(one.law)})`).join('; ');
}

/**
 * The data every compliance finding carries: the markets and jurisdictions it
 * is reported for, which the report's compliance section groups by.
 */
export function complianceData(applies: Applying[]): { markets: string[]; jurisdictions: string[] } {
    const markets = [...new Set(applies.flatMap(one => one.markets.map(market => market.name)))];
    return { markets, jurisdictions: [...new Set(applies.map(one => one.law.jurisdiction))] };
}

/**
 * "tactic 'SpringTexts'", "flow 'Welcome'", "offer 'Spring'", "the funnel at line 12" (a funnel or
 * an offer may have no name); capitalised to start a sentence when `capital`.
 */
export function blockLabel(model: PlanModel, block: Tactic | Flow | Funnel | Offer, capital = false): string {
    const kind = block.$type.toLowerCase();
    const label = block.name ? `${kind} '${block.name}'` : `the ${kind} at ${model.where(block)}`;
    return capital ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

/** The tactics and flows of this file that send by one of `channels` (`email`, `sms`), tactics first. */
export function messagingBlocks(model: PlanModel, channels: readonly string[]): Array<Tactic | Flow> {
    const sends = (channel: string | undefined) => channel !== undefined && channels.includes(channel);
    return [...model.own.tactics.filter(tactic => sends(tactic.channel)), ...model.own.flows.filter(flow => sends(flow.channel))];
}

/**
 * The provisions of `rule` for a block that names no markets and runs on no
 * dates of its own (a product, a strategy): in the markets given (default:
 * every market of the plan), on the as-of day. A plan without markets gets none.
 */
export function applyingOnAsOf(model: PlanModel, rule: string, markets: Market[] = model.marketLookup.markets): Applying[] {
    if (model.marketLookup.markets.length === 0 || markets.length === 0) return [];
    return lawsApplying(rule, markets, { start: model.asOf, end: model.asOf }, jurisdiction => model.packOn(jurisdiction));
}
