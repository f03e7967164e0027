import type { Hover, MarkupContent } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { buildPlanReport } from '../../src/language/report/build-report.js';
import { renderReportHtml } from '../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../src/language/report/render-markdown.js';
import { percentText } from '../../src/language/wording.js';
import { check, services } from '../helpers.js';

/** A tactic that costs all but 1 USD of the one campaign that runs it: 1,999 of 2,000 USD. */
const PLAN = `plan Shares { currency USD }
campaign Launch {
    budget 2_000 USD
    runs Ads
}
tactic Ads { budget 1_999 USD }
`;

function positionOf(snippet: string): { line: number; character: number } {
    const lines = PLAN.slice(0, PLAN.indexOf(snippet)).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('a share prints the same in the hover, the inlay hints and the report', () => {
    it('1,999 of 2,000 USD is 99.9% everywhere', async () => {
        const share = percentText(1_999 / 2_000);
        expect(share).toBe('99.9%');
        const checked = await check({ 'plan.mplan': PLAN });
        const document = checked.documents.get('plan.mplan')!;
        const textDocument = { uri: document.uri.toString() };

        const hints = await services.Mplan.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }
        });
        expect((hints ?? []).map(hint => String(hint.label))).toEqual([`planned 1,999 USD (${share})`, `${share} of Launch`]);

        const hover = async (snippet: string) => {
            const found: Hover | undefined = await services.Mplan.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: positionOf(snippet) });
            return (found?.contents as MarkupContent | undefined)?.value ?? '';
        };
        expect(await hover('Launch {')).toContain(`(${share} of the budget)`);
        expect(await hover('Ads {')).toContain(`Launch (${share} of its budget)`);

        const report = (await buildPlanReport(services.Mplan, document))!;
        expect(renderReportMarkdown(report)).toContain(`| Launch | 2,000 USD | 1,999 USD | ${share} |`);
        expect(renderReportHtml(report)).toContain(`>${share}<`);
    });
});
