import type { Tactic } from '../generated/ast.js';
import { isOffline, isOnline } from '../model/channels.js';
import type { Rule } from './rule.js';

/** A message as a customer would hear it: case and spacing do not make it another one. */
function normalized(message: string | undefined): string {
    return (message ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function names(tactics: Tactic[]): string {
    return tactics.slice(0, 3).map(t => t.name).join(', ') + (tactics.length > 3 ? ', …' : '');
}

export const unharmonizedChannels: Rule = {
    id: 'unharmonized-channels',
    severity: 'info',
    area: 'strategy',
    scope: 'file',
    basis: '003 harmony',
    description: 'A strategy served by both online and offline tactics with no message they share.',
    check(model, report) {
        for (const strategy of model.own.strategies) {
            if (normalized(strategy.message) !== '') continue;
            const tactics = [...new Set(model.tacticsServing.get(strategy) ?? [])];
            const online = tactics.filter(t => isOnline(t.channel));
            const offline = tactics.filter(t => isOffline(t.channel));
            if (online.length === 0 || offline.length === 0) continue;
            // The tactics that reach customers must all say the same thing.
            const reaching = tactics.filter(t => t.channel !== undefined);
            const messages = new Set(reaching.map(t => normalized(t.message)));
            if (messages.size === 1 && !messages.has('')) continue;
            const silent = reaching.filter(t => normalized(t.message) === '');
            const problem = silent.length === reaching.length
                ? 'no message is set for the strategy or its tactics'
                : silent.length > 0
                    ? `only some of its tactics carry a message (none in ${names(silent)})`
                    : `its tactics carry ${messages.size} different messages`;
            report({
                node: strategy,
                property: 'name',
                message: `Strategy '${strategy.name}' reaches customers online (${names(online)}) and offline (${names(offline)}), but ${problem}, so customers may not follow what you are saying. Add 'message "…"' to the strategy: the one line all its tactics repeat.`,
                related: reaching.map(t => ({
                    node: t,
                    message: `${isOnline(t.channel) ? 'online' : 'offline'} tactic '${t.name}' (${t.channel})${t.message?.trim() ? `: "${t.message}"` : ', no message'}`
                }))
            });
        }
    }
};
