/**
 * The smallest inputs the fuzzing found to break something, kept as fixed
 * tests: each is run through every service (harness.ts), and what a user
 * sees of it is checked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { buildPlanReport } from '../../src/language/report/build-report.js';
import { renderReportHtml } from '../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../src/language/report/render-markdown.js';
import { mplan } from '../cli/run.js';
import { CLEAN_PLAN, services } from '../helpers.js';
import { checkFormatterKeepsMeaning, exercise, formatted, messageOf } from './harness.js';

/** The findings of the first file of a case, as `rule line:column message` (1-based, as the CLI prints them). */
async function findings(text: string): Promise<string[]> {
    const { documents } = await exercise({ 'plan.mplan': text });
    return (documents[0].diagnostics ?? []).map(d => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${messageOf(d)}`);
}

/** The findings (as `findings` gives them) of the given rules only: what a test is about, whatever other rules exist. */
function ofRules(found: string[], ...rules: string[]): string[] {
    return found.filter(f => rules.includes(f.slice(0, f.indexOf(' '))));
}

describe('regressions found by fuzzing', () => {
    it('an exchange rate cut short by a syntax error: the report shows it as far as it was written, and every service answers', async () => {
        const text = 'plan Kiln {\n    currency USD\n    rate 1 EUR = \n}\nproduct Mug { price 30 USD }\n';
        expect((await findings(text)).some(f => f.startsWith('syntax-error 4:1'))).toBe(true);
        const { documents } = await exercise({ 'plan.mplan': text });
        const report = await buildPlanReport(services.Mplan, documents[0]);
        expect(report?.plan.rates.map(rate => [rate.text, rate.asOf])).toEqual([['1 EUR = … …', undefined]]);
        expect(renderReportMarkdown(report!)).toContain('- **Exchange rates:** 1 EUR = … …\n');
        expect(renderReportHtml(report!)).toContain('1 EUR = … …');
    });

    it('a file that ends inside a block: the error is placed after the last word, not at line -1', async () => {
        const text = 'plan X {\n  ';
        expect(await findings(text)).toContain("syntax-error 1:9 Expected '}' after '{' to close plan 'X' but found the end of the file.");
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        writeFileSync(join(dir, 'plan.mplan'), text);
        const run = await mplan(['check', 'plan.mplan'], dir);
        expect(run.stdout).toContain("plan.mplan:1:9  error    Expected '}' after '{' to close plan 'X' but found the end of the file.  syntax-error");
        expect(run.stdout).not.toContain(':-1:');
        expect(run.code).toBe(1);
    });

    it('half-typed funnel lines (`collect leads by`, `upsell`, `conversion leads to`): every rule still runs', async () => {
        // Each once made a rule throw (pre-checked-consent, no-upsell, funnel-unprofitable), which
        // turned into a finding "mplan could not run the rule"; the harness fails on such a finding.
        // A funnel with visitors and no upsell, the half-typed line last (a keyword after it would be read
        // as its missing word), in place of the step to customers or after it, so that the rules read it.
        const plan = CLEAN_PLAN.replace('    upsell Box to Platter\n', '    visitors 1000 per month\n');
        const last = '    conversion leads to customers 10%\n';
        const texts = [
            ...['collect leads by', 'upsell', 'upsell Box to', 'conversion', 'conversion leads to', 'conversion leads to customers'].map(line => plan.replace(last, `    ${line}\n`)),
            plan.replace(last, `${last}    upsell\n`)
        ];
        for (const text of texts) {
            const found = await findings(text);
            expect(found.filter(f => f.startsWith('syntax-error')).length, text).toBeGreaterThan(0);
            expect(found.some(f => f.includes('could not run the rule')), text).toBe(false);
        }
    });

    it('the report of a plan whose blocks have no name yet is built and rendered, with the names it has', async () => {
        const text = 'plan {\n}\ncampaign {\n    budget 100 USD\n    runs Ads\n}\ntactic {\n    budget 50 USD\n    from 2027-02-01 to 2027-03-01\n}\nstrategy {\n}\ntactic Ads {\n    serves Win\n}\n';
        const { documents } = await exercise({ 'plan.mplan': text });
        const report = (await buildPlanReport(services.Mplan, documents[0]))!;
        expect(report.plan.name).toBe('');
        expect(report.budget.byCampaign.map(c => c.name)).toEqual(['']);
        expect(renderReportHtml(report)).toContain('<h1></h1>');
        expect(renderReportMarkdown(report)).toContain('# Plan report: ');
    });

    it('a cadence written over two lines, with a comment, is quoted in one line, as formatting writes it', async () => {
        const text = CLEAN_PLAN
            .replace('    follow up weekly on tuesday at 10:00 with tips\n', '    follow up every /* hmm */\n        day\n')
            .replace('    close weekly with call to action\n', '    close every\n\tday\n');
        const found = await findings(text);
        // The findings whose message (not rule id) quotes the cadence.
        const quoted = found.filter(f => f.slice(f.indexOf(' ') + 1).includes('every'));
        // irregular-follow-up, follow-up-without-value, no-call-to-action and email-too-frequent quote it.
        expect(new Set(quoted.map(f => f.split(' ')[0]))).toEqual(new Set(['irregular-follow-up', 'follow-up-without-value', 'no-call-to-action', 'email-too-frequent']));
        for (const finding of quoted) {
            expect(finding).toMatch(/sent every day |'every day'/);
            expect(finding).not.toMatch(/[\r\n\t]|\/\*/);
        }
        // And the formatter, which puts the cadence on one line, changes none of the messages.
        const { documents } = await exercise({ 'plan.mplan': text });
        await checkFormatterKeepsMeaning({ 'plan.mplan': text }, documents);
    });

    it('a one-value fact repeated over several lines is one finding, before and after formatting', async () => {
        const text = 'funnel {\n    visitors 10 per day\n    visitors 0\n        per day\n}\n';
        const stated = (await findings(text)).filter(f => f.includes('is stated twice'));
        expect(stated).toEqual(["syntax-error 3:14 'visitors' is stated twice here (first at line 2): it holds one value, so the later one would replace the first. Keep one."]);
        const { documents } = await exercise({ 'plan.mplan': text });
        expect(await formatted(documents[0])).toBe('funnel {\n    visitors 10 per day\n    visitors 0 per day\n}\n');
        await checkFormatterKeepsMeaning({ 'plan.mplan': text }, documents);
    });

    it('a nested block repeated without a space before its brace is named by its keyword', async () => {
        const stated = (await findings('segment S {\n    habits{ }\n    habits{ }\n}\n')).filter(f => f.includes('is stated twice'));
        expect(stated).toEqual(["syntax-error 3:5 'habits' is stated twice here (first at line 2): it holds one value, so the later one would replace the first. Keep one."]);
    });

    it('many blocks of one name: each finding points to a few of the others, not to all (diagnostics grew with the square)', async () => {
        const text = Array.from({ length: 200 }, () => 'segment S {\n    who "s"\n}\n').join('');
        const { documents } = await exercise({ 'plan.mplan': text });
        const duplicates = (documents[0].diagnostics ?? []).filter(d => d.code === 'duplicate-name');
        expect(duplicates).toHaveLength(200);
        expect(Math.max(...duplicates.map(d => d.relatedInformation?.length ?? 0))).toBe(10);
    });

    it('a suppression comment is read as the lexer reads comments: after a block comment holding a quote, not inside one, on any line ends', async () => {
        // The quote in the block comment made '}// mplan-disable…' look like text in quotes, until
        // formatting moved the '}' to a line of its own: formatting changed the findings.
        const quoted = 'product P {\n    improvement "x" /* " */ }// mplan-disable-next-line no-such-rule\n';
        expect(await findings(quoted)).toContain("unused-suppression 2:57 There is no rule 'no-such-rule' to silence (mplan rules lists them).");
        const { documents } = await exercise({ 'plan.mplan': quoted });
        await checkFormatterKeepsMeaning({ 'plan.mplan': quoted }, documents);
        // In a block comment it is no suppression: the finding it names stays.
        const plan = CLEAN_PLAN.replace('    price 49 USD\n', '    price 49 Dollars\n');
        const commented = plan.replace('product Box {\n', 'product Box {\n    /* // mplan-disable-next-line syntax-error */\n');
        expect((await findings(commented)).filter(f => f.startsWith('syntax-error'))).toHaveLength(1);
        // With old Mac line ends, it silences the line under it, not a line counted by \n alone.
        const silenced = plan.replace('    price 49 Dollars\n', '    // mplan-disable-next-line syntax-error\n    price 49 Dollars\n').replace(/\n/g, '\r');
        // Silenced, and the comment is used: neither the finding nor an unused-suppression is left.
        expect(ofRules(await findings(silenced), 'syntax-error', 'unused-suppression')).toEqual([]);
    });

    it('"silence this rule on this line" silences a finding shown at a fact, not at the first line of its block', async () => {
        // The engine matched suppressions against the line of the block, the editor shows the finding
        // at the fact: the comment the quick fix added did nothing and was reported as unused.
        const text = CLEAN_PLAN.replace('goal "Be the caterer of downtown offices"  revisit every quarter', 'revisit every quarter\n    goal ""');
        const { documents } = await exercise({ 'plan.mplan': text });
        const document = documents[0];
        const diagnostic = document.diagnostics!.find(d => d.code === 'plan-without-goal')!;
        expect(diagnostic.range.start.line).toBe(2);
        const actions = await services.Mplan.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) ?? [];
        const silence = actions.find(action => 'kind' in action && action.kind === 'quickfix.silence') as { edit: { changes: Record<string, TextEdit[]> } };
        const silenced = TextDocument.applyEdits(document.textDocument, silence.edit.changes[document.uri.toString()]);
        expect(silenced).toContain('    revisit every quarter\n    // mplan-disable-next-line plan-without-goal\n    goal ""\n');
        expect(ofRules(await findings(silenced), 'plan-without-goal', 'unused-suppression')).toEqual([]);
    });

    it('days at the ends of the calendar: no review is suggested past 9999, and the years 0 to 99 are not read as 1900 to 1999', async () => {
        // no-review suggested 'review on +010000-01' (and a quick fix writing it) for a campaign ending in 9999.
        const late = await findings('campaign Late {\n    budget 10 USD\n    from 9999-12-01 to 9999-12-31\n}\n');
        expect(late).toContain("no-review 1:10 Campaign 'Late' has no review: when it is over, note what went wrong and what went well, so that the next campaign starts from it. Add 'review on DATE' after it ends.");
        const { documents } = await exercise({ 'plan.mplan': 'campaign Late {\n    budget 10 USD\n    from 9999-12-01 to 9999-12-31\n}\n' });
        const diagnostic = documents[0].diagnostics!.find(d => d.code === 'no-review')!;
        const actions = await services.Mplan.lsp.CodeActionProvider!.getCodeActions(documents[0], {
            textDocument: { uri: documents[0].uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) ?? [];
        expect(actions.map(action => action.title)).toEqual(["Silence 'no-review' on this line"]);
        // 0099-12-31 was read as 1999-12-31, after 0100-01-01: a period 'ending before it starts'.
        expect((await findings('campaign Old {\n    from 0099-12-31 to 0100-01-01\n}\n')).filter(f => f.startsWith('invalid-range'))).toEqual([]);
    });
});
