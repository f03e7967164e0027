/**
 * The hostile texts the security tests put into plans, and the plans that
 * carry them: each payload in every free-text field of the grammar (every
 * STRING, found from the grammar itself, so a new field is covered the day it
 * is added), in the name of the plan's file and in an import path.
 */
import { AstUtils, GrammarAST, type AstNode, type Grammar } from 'langium';

export interface Payload {
    /** A short name for test titles and file names of the figures. */
    name: string;
    text: string;
}

/** The classic ways plan text could become markup, a link or a script in some output. */
export const PAYLOADS: readonly Payload[] = [
    { name: 'script tag', text: '<script>alert(1)</script>' },
    { name: 'attribute break-out', text: '"><img src=x onerror=alert(1)>' },
    { name: 'single-quote break-out', text: "'><svg onload=alert(1)>" },
    { name: 'javascript URL', text: 'javascript:alert(1)' },
    { name: 'style break-out', text: '</style><script>alert(1)</script>' },
    { name: 'CDATA end', text: ']]>' },
    { name: 'comment open', text: '<!--' },
    { name: 'template injection', text: "{{constructor.constructor('alert(1)')()}}" },
    { name: 'markdown link', text: '[x](javascript:alert(1))' },
    { name: 'markdown image', text: '![x](http://evil/x.png)' },
    { name: 'bare link', text: '<a href=//evil>' },
    { name: 'bidi override', text: 'abc\u202Egnp.exe\u202C \u2066<b>\u2069 \u200F' },
    { name: 'NUL', text: 'a\u0000<script>alert(1)</script>' },
    // A window title, a colour, an OSC 8 link and a C1 control sequence, for terminals and CI logs.
    { name: 'terminal escapes', text: '\u001b]0;pwned\u0007\u001b[31mred\u001b]8;;http://evil\u0007link\u001b]8;;\u0007\u009b2J' }
];

/**
 * A payload as an mplan string literal: quotes and backslashes escaped, line
 * breaks and NUL written as escapes (the STRING terminal takes neither raw);
 * every other character, bidi controls included, as it is.
 */
export function literal(text: string): string {
    const body = text
        .replace(/\\/g, '\\\\').replace(/"/g, '\\"')
        .replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u0000/g, '\\0');
    return `"${body}"`;
}

/**
 * The payload as a path relative to a temporary folder: a `/` makes folders
 * (so `<script>alert(1)</script>.mplan` is the file `script>.mplan` in the
 * folder `<script>alert(1)<`, and the CLI shows the whole payload as its
 * path); NUL cannot be in a file name and becomes `0`; an empty segment
 * (`//evil`) becomes `_`.
 */
export function fileNameOf(text: string, suffix: string): string {
    return (text.replace(/\u0000/g, '0') + suffix).split('/').map(part => part === '' ? '_' : part).join('/');
}

/**
 * A plan with the payload in every string field of the grammar; its flaws
 * make rules quote the strings in their messages (an unresolved import, an
 * unmitigated drawback, a tactic without a strategy…). `missingImport` is the
 * path of an import that does not exist, so that its finding quotes it.
 */
export function payloadPlan(text: string, missingImport: string): string {
    const s = literal(text);
    return `import ${literal(missingImport)}
import "shared.mplan"
plan Payload ${s} {
    goal ${s}
    currency USD
    focus Thing
    tracking consent ${s}
}
market Home ${s} {
    country US
    timezone ${s}
}
product Thing ${s} {
    price 10 USD
    tier Basic ${s} 10 USD share 50%
    benefit ${s}
    drawback ${s}
    drawback ${s} mitigated by ${s}
    improvement ${s}
    certified ${s}
}
segment Buyers ${s} {
    who ${s}
    from ${s}, ${s}
    decides
    habits { social linkedin, ${s} sites ${s} search ${s} communities ${s} tools ${s} }
}
audience Lapsed ${s} {
    who ${s}
    of Buyers
    behaviour ${s}
    consent express recorded ${s}
}
competitor Rival ${s} {
    strength ${s}
    weakness ${s}
    we differ by ${s}
}
research ${s} {
    consulted ${s}
    studied Rival
    finding ${s}
}
strategy Win ${s} {
    statement ${s}
    targets Buyers, Shared
    objective ${s}
    kpi ${s} owner ${s}
    message ${s}
}
tactic Ads ${s} {
    serves Win
    channel social on ${s}
    audience Buyers, Lapsed
    budget 100 USD
    from 2027-02-01 to 2027-03-01
    message ${s}
    keywords ${s}, lunch
    hashtags ${s}, #lunch
    test ${s} metric clicks
    disclosure ${s}
    reward ${s} for honest reviews
    tracking consent ${s}
}
flow Nudge ${s} {
    channel email
    audience Lapsed
    trigger ${s}
    step after 1 day ${s} with reminder
    stop when ${s}
    hours weekdays 9:00 to 17:00 in ${s}
}
tactic Orphan {
    channel ppc on ${s}
    budget 5 EUR
}
campaign Go ${s} {
    budget 50 USD
    staff ${s} 50% from ${s}
    runs Ads
    from 2027-02-01 to 2027-03-01
    results { sales 3 ${s} }
}
funnel ${s} {
    collect leads by optin form offering ebook ${s}
    loyalty ${s}
    sender address ${s}
    visitors 1_000 per month
    conversion visitors to customers 5%
}
offer ${s} {
    guarantee ${s} 5 days claim ${s} refunds ${s} condition ${s}
    free sample ${s}
    payments card, ${s}
    security ${s}
}
`;
}

/** A library the payload plan imports: its segment is shown with its file's name in hovers of the plan. */
export function payloadLibrary(text: string): string {
    return `segment Shared {
    who ${literal(text)}
}
`;
}

/** Every `Type.property` the grammar fills from a STRING token. */
export function stringFields(grammar: Grammar): string[] {
    const fields = new Set<string>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        for (const node of AstUtils.streamAllContents(rule)) {
            if (!GrammarAST.isAssignment(node)) continue;
            const calls = [node.terminal, ...AstUtils.streamAllContents(node.terminal)];
            if (calls.some(call => GrammarAST.isRuleCall(call) && call.rule.ref?.name === 'STRING')) fields.add(`${rule.name}.${node.feature}`);
        }
    }
    return [...fields].sort();
}

/** The `Type.property` of every string value in a tree that holds one of the texts (a payload, or it as a file name). */
export function fieldsHolding(root: AstNode, texts: readonly string[]): string[] {
    const fields = new Set<string>();
    for (const node of AstUtils.streamAst(root)) {
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            if ([value].flat().some(v => typeof v === 'string' && texts.some(text => v.includes(text)))) fields.add(`${node.$type}.${key}`);
        }
    }
    return [...fields].sort();
}
