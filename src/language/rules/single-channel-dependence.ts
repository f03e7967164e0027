import type { Tactic } from '../generated/ast.js';
import { tacticCosts } from '../model/budgets.js';
import { platformKey } from '../model/habits.js';
import { formatMoney } from '../model/values.js';
import { percentText } from '../wording.js';
import type { Rule } from './rule.js';

/** Spend gathered under one channel or platform. */
interface Group {
    label: string;
    amount: number;
    tactics: Set<Tactic>;
}

function add(groups: Map<string, Group>, key: string, label: string, amount: number, tactic: Tactic): void {
    const group = groups.get(key) ?? { label, amount: 0, tactics: new Set<Tactic>() };
    group.amount += amount;
    group.tactics.add(tactic);
    groups.set(key, group);
}

export const singleChannelDependence: Rule = {
    id: 'single-channel-dependence',
    severity: 'info',
    area: 'campaign',
    scope: 'plan',
    basis: '000 (focus vs. risk); beyond',
    description: 'More of the plan\'s spend on tactics in one channel or on one platform than the limit (80% by default).',
    check(model, report) {
        const plan = model.own.plans[0];
        const currency = model.currency?.code;
        if (!plan || !currency) return;
        const limit = model.settings.thresholds.maxChannelShare / 100;
        const channels = new Map<string, Group>(), platforms = new Map<string, Group>();
        let total = 0, paidTactics = 0;
        for (const tactic of model.all.tactics) {
            let amount = 0;
            for (const part of tacticCosts(tactic).totals) amount += model.rates.convert(part, currency)?.amount ?? 0;
            if (!(amount > 0)) continue;
            total += amount;
            paidTactics++;
            if (tactic.channel) add(channels, tactic.channel, `the ${tactic.channel} channel`, amount, tactic);
            // Each platform once, however often the tactic names it.
            const keys: string[] = [], shown: string[] = [];
            for (const platform of tactic.platforms) {
                const key = platformKey(platform);
                if (key !== '' && !keys.includes(key)) { keys.push(key); shown.push(platform.value.trim()); }
            }
            keys.forEach((key, i) => add(platforms, key, `'${shown[i]}'`, amount / keys.length, tactic));
        }
        // A plan that pays for one tactic has no split to judge: it is trying one thing, which the
        // campaign and funnel rules judge. Dependence is most of the money of several tactics in one place.
        if (!(total > 0) || paidTactics < 2) return;
        const money = (amount: number) => formatMoney({ amount: Math.round(amount * 100) / 100, currency });
        const judged: Array<Set<Tactic>> = [];
        const judge = (group: Group, kind: 'channel' | 'platform') => {
            const share = group.amount / total;
            if (share <= limit + 1e-9) return;
            // One platform carrying exactly the tactics of a channel already reported says the same thing again.
            if (judged.some(tactics => tactics.size === group.tactics.size && [...group.tactics].every(t => tactics.has(t)))) return;
            judged.push(group.tactics);
            const what = kind === 'channel' ? group.label : `the platform ${group.label}`;
            report({
                node: plan,
                property: 'name',
                message: `${percentText(share)} of what the plan spends on tactics (${money(group.amount)} of ${money(total)}) goes to ${what}, more than the limit of ${percentText(limit)}: if it raises its prices, changes its rules or shuts an account, the plan loses most of its reach at once. Test a second ${kind} with part of the budget.`,
                related: [...group.tactics].map(t => ({ node: t, message: `tactic '${t.name}' spends on ${what}` })),
                data: { kind, share, limit }
            });
        };
        for (const group of channels.values()) judge(group, 'channel');
        for (const group of platforms.values()) judge(group, 'platform');
    }
};
