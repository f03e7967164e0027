import type { Close, FollowUp, Funnel } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import { cadencePerWeek } from '../model/values.js';
import { cadenceText, isNewsletter, isSalesMail } from './funnel-followup-util.js';
import type { Report, Rule } from './rule.js';
import { timesPerWeek } from '../wording.js';

/** A message of a funnel that counts against the limit, and how often it goes out. */
interface Mailing {
    node: FollowUp | Close;
    perWeek: number;
    cadence: string;
}

type Kind = 'newsletters' | 'sales';

const KINDS: Record<Kind, { title: string; why: string }> = {
    newsletters: {
        title: 'Newsletters',
        why: 'subscribers who get more than that stop opening them, and a list that does not open its mail never clicks'
    },
    sales: {
        title: 'Sales e-mails',
        why: 'more than that bombards the list, and people trained to ignore sales mail leave or stop clicking'
    }
};

function mailing(node: FollowUp | Close): Mailing | undefined {
    const perWeek = cadencePerWeek(node.cadence);
    if (perWeek === undefined || !node.cadence) return undefined;
    return { node, perWeek, cadence: cadenceText(node.cadence) ?? '' };
}

/** The newsletters and the sales e-mails of a funnel, each with its cadence. */
function mailingsOf(funnel: Funnel): Record<Kind, Mailing[]> {
    const newsletters: Mailing[] = [];
    const sales: Mailing[] = [];
    for (const followUp of funnel.followUps) {
        const newsletter = isNewsletter(followUp);
        const selling = isSalesMail(followUp);
        if (!newsletter && !selling) continue;
        const m = mailing(followUp);
        if (!m) continue;
        if (newsletter) newsletters.push(m);
        if (selling) sales.push(m);
    }
    for (const close of funnel.closes) {
        const m = mailing(close);
        if (m) sales.push(m);
    }
    return { newsletters, sales };
}

function judge(model: PlanModel, kind: Kind, mailings: Mailing[], limit: number, report: Report): void {
    const total = mailings.reduce((sum, m) => sum + m.perWeek, 0);
    // A little slack for rounding: "every 7 days" is exactly weekly.
    if (mailings.length === 0 || total <= limit + 1e-9) return;
    const { title, why } = KINDS[kind];
    const most = mailings.reduce((a, b) => (b.perWeek > a.perWeek ? b : a));
    const single = mailings.length === 1;
    const message = single
        ? `${title} go out ${timesPerWeek(total)} here ('${most.cadence}'), more than the limit of ${timesPerWeek(limit)}: ${why}. Send them at most ${timesPerWeek(limit)}.`
        : `Together, this funnel's ${title.toLowerCase()} go out ${timesPerWeek(total)} (${mailings.map(m => `'${m.cadence}' at ${model.where(m.node)}`).join(', ')}), more than the limit of ${timesPerWeek(limit)}: ${why}. Merge them or send them less often.`;
    report({
        node: most.node,
        property: 'cadence',
        message,
        related: single ? undefined : mailings.filter(m => m !== most).map(m => ({ node: m.node, message: `also sends ${title.toLowerCase()}, ${timesPerWeek(m.perWeek)}` })),
        data: { kind, perWeek: total, limit, single }
    });
}

export const emailTooFrequent: Rule = {
    id: 'email-too-frequent',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    basis: '002 #2, #3',
    description: 'Newsletters, or sales e-mails, sent to the list more often than the limit (once a week by default).',
    check(model, report) {
        const limit = model.settings.thresholds.maxEmailsPerWeek;
        for (const funnel of model.own.funnels) {
            const { newsletters, sales } = mailingsOf(funnel);
            judge(model, 'newsletters', newsletters, limit, report);
            judge(model, 'sales', sales, limit, report);
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        // One message over the limit on its own: send it weekly (when the limit allows weekly).
        if (finding.data?.single !== true || model.settings.thresholds.maxEmailsPerWeek < 1) return [];
        for (const funnel of model.own.funnels) {
            for (const node of [...funnel.followUps, ...funnel.closes]) {
                const range = node.cadence?.$cstNode?.range;
                if (!range || range.start.line !== finding.range.start.line || range.start.character !== finding.range.start.character) continue;
                return [{ title: 'Send it weekly (check that weekly is what you will send)', kind: 'suggestion', edits: [{ range, newText: 'weekly' }] }];
            }
        }
        return [];
    }
};
