import { AstUtils, type AstNode } from 'langium';
import type { Close, Flow, FollowUp, Funnel } from '../generated/ast.js';
import { busiestWeek, mailsByEmail } from '../model/flows.js';
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

function judge(model: PlanModel, kind: Kind, mailings: Mailing[], limit: number, report: Report): boolean {
    const total = mailings.reduce((sum, m) => sum + m.perWeek, 0);
    // A little slack for rounding: "every 7 days" is exactly weekly.
    if (mailings.length === 0 || total <= limit + 1e-9) return false;
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
    return true;
}

/** One thing a recipient of a list gets by e-mail, and how many a week. */
interface Received {
    node: AstNode;
    perWeek: number;
    what: string;
}

/** Everything one subscriber of a funnel's list receives per week: its follow-ups and closing mails, and every e-mail flow at its busiest week. */
function receivedBy(model: PlanModel, funnel: Funnel | undefined, flows: readonly Flow[]): Received[] {
    const out: Received[] = [];
    for (const node of [...(funnel?.followUps ?? []), ...(funnel?.closes ?? [])]) {
        const m = mailing(node);
        if (!m) continue;
        const kind = node.$type === 'Close' ? 'sales e-mails' : isNewsletter(node as FollowUp) ? 'newsletters' : isSalesMail(node as FollowUp) ? 'sales e-mails' : 'follow-ups';
        out.push({ node, perWeek: m.perWeek, what: `${kind} '${m.cadence}' (${model.where(node)})` });
    }
    for (const flow of flows) {
        const most = busiestWeek(flow);
        if (most > 0) out.push({ node: flow, perWeek: most, what: `flow '${flow.name}' (${most} in its busiest week)` });
    }
    return out;
}

/**
 * The total a recipient gets, newsletters, sales e-mails, follow-ups and
 * flows together, against `maxEmailsPerRecipientPerWeek`: once per list (each
 * funnel, or the flows alone when the plan has no funnel), at the biggest
 * sender, by the file that declares it. A funnel already reported for its
 * newsletters or sales e-mails is left to that finding.
 */
function judgeTotal(model: PlanModel, report: Report, judged: ReadonlySet<Funnel>): void {
    const limit = model.settings.thresholds.maxEmailsPerRecipientPerWeek;
    const flows = model.reach.flows.filter(mailsByEmail);
    const lists: Array<Funnel | undefined> = model.reach.funnels.length > 0 ? model.reach.funnels : [undefined];
    const reported = new Set<AstNode>();
    for (const funnel of lists) {
        // A funnel whose newsletters or sales e-mails are over their own limit is reported for that; cutting them cuts the total.
        if (funnel && judged.has(funnel)) continue;
        const received = receivedBy(model, funnel, flows);
        const total = received.reduce((sum, r) => sum + r.perWeek, 0);
        // One mailing of a funnel alone is judged by its kind's limit above; a flow alone is judged here.
        if (received.length === 0 || (received.length === 1 && received[0].node.$type !== 'Flow') || total <= limit + 1e-9) continue;
        const most = received.reduce((a, b) => (b.perWeek > a.perWeek ? b : a));
        if (AstUtils.getDocument(most.node) !== model.document || reported.has(most.node)) continue;
        reported.add(most.node);
        const list = funnel ? (funnel.name ? `the list of funnel '${funnel.name}'` : `the funnel's list (${model.where(funnel)})`) : 'your list';
        report({
            node: most.node,
            property: most.node.$type === 'Flow' ? 'name' : 'cadence',
            message: `One subscriber of ${list} can get ${timesPerWeek(total)} in all: ${received.map(r => `${r.what}, ${timesPerWeek(r.perWeek)}`).join('; ')}. That is more than the limit of ${timesPerWeek(limit)} for one recipient: people who get that much mail unsubscribe or mark it as spam. Send less often, or keep people in a flow out of the newsletter while it runs.`,
            related: received.filter(r => r !== most).map(r => ({ node: r.node, message: `also mails the same people, ${timesPerWeek(r.perWeek)}` })),
            data: { kind: 'total', perWeek: total, limit, single: false }
        });
    }
}

export const emailTooFrequent: Rule = {
    id: 'email-too-frequent',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    basis: '002 #2, #3',
    description: 'Newsletters, or sales e-mails, sent to the list more often than the limit (once a week by default); or more e-mails in all to one recipient, flows included, than the total limit (three a week by default).',
    check(model, report) {
        // Every finding stands on a funnel's mailing or a flow of this file: a file with neither has none.
        if (model.own.funnels.length === 0 && model.own.flows.length === 0) return;
        const limit = model.settings.thresholds.maxEmailsPerWeek;
        const judged = new Set<Funnel>();
        for (const funnel of new Set([...model.own.funnels, ...model.reach.funnels])) {
            const { newsletters, sales } = mailingsOf(funnel);
            const mine = AstUtils.getDocument(funnel) === model.document;
            // Judged in the file that declares the funnel; over the plan's reach only to know which funnels were.
            const ignore: Report = () => undefined;
            const over = [judge(model, 'newsletters', newsletters, limit, mine ? report : ignore), judge(model, 'sales', sales, limit, mine ? report : ignore)];
            if (over.some(Boolean)) judged.add(funnel);
        }
        judgeTotal(model, report, judged);
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
