import type { Tactic } from '../generated/ast.js';
import { isOffline, isOnline } from '../model/channels.js';
import type { Rule } from './rule.js';

/** A message as a customer would hear it: case and spacing do not make it another one. */
function normalized(message: string | undefined): string {
    return (message ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether a message carries another's words in order, whatever the punctuation around them. */
function carries(message: string, line: string): boolean {
    const words = (text: string) => ` ${text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
    return words(line).trim() !== '' && words(message).includes(words(line));
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
    description: 'A strategy served by both online and offline tactics that do not all say the same thing (their own messages, or the strategy\'s).',
    check(model, report) {
        for (const strategy of model.own.strategies) {
            const shared = normalized(strategy.message);
            const tactics = [...new Set(model.tacticsServing.get(strategy) ?? [])];
            const online = tactics.filter(t => isOnline(t.channel));
            const offline = tactics.filter(t => isOffline(t.channel));
            if (online.length === 0 || offline.length === 0) continue;
            // What each tactic that reaches customers says: its own message, else the strategy's, which it repeats.
            // A tactic's own message that carries the strategy's line, word for word, says it too
            // ("Lunch meeting tomorrow? Fresh, same day." carries "Fresh, same day").
            const reaching = tactics.filter(t => t.channel !== undefined);
            const says = (t: Tactic) => {
                const own = normalized(t.message);
                return own === '' || (shared !== '' && carries(own, shared)) ? shared : own;
            };
            const messages = new Set(reaching.map(says));
            if (messages.size === 1 && !messages.has('')) continue;
            const silent = reaching.filter(t => says(t) === '');
            const problem = silent.length === reaching.length
                ? 'no message is set for the strategy or its tactics'
                : silent.length > 0
                    ? `only some of its tactics carry a message (none in ${names(silent)})`
                    : shared
                        ? `its tactics say ${messages.size} different things, not all of them the strategy's message`
                        : `its tactics carry ${messages.size} different messages`;
            const fix = shared
                ? `Make each tactic's message carry the strategy's line ("${strategy.message!.trim()}"), or drop the tactics' own messages so they repeat it.`
                : `Add 'message "…"' to the strategy: the one line all its tactics repeat.`;
            report({
                node: strategy,
                property: shared ? 'message' : 'name',
                message: `Strategy '${strategy.name}' reaches customers online (${names(online)}) and offline (${names(offline)}), but ${problem}, so customers may not follow what you are saying. ${fix}`,
                related: reaching.map(t => ({
                    node: t,
                    message: `${isOnline(t.channel) ? 'online' : 'offline'} tactic '${t.name}' (${t.channel})${t.message?.trim() ? `: "${t.message}"` : shared ? ', the strategy\'s message' : ', no message'}`
                }))
            });
        }
    }
};
