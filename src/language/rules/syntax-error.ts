import type { Range } from 'vscode-languageserver-types';
import type { IToken } from 'chevrotain';
import { CURRENCY_CODE } from '../model/values.js';
import { moneyOf } from '../model/plan-model.js';
import type { AstNode } from 'langium';
import { MplanGrammar } from '../generated/grammar.js';
import { endOfFileOffset, lexingMessage, typoOf } from '../syntax/parser-errors.js';
import { findRepeatedFacts, repeatableAssignments, type Repeatable } from '../syntax/repeated-facts.js';
import type { Rule } from './rule.js';

/**
 * Where a token is, or undefined for one without a place in the text: the
 * parser's end-of-file token has offset and line -1 (or NaN), which an editor
 * would show at line -1.
 */
function tokenRange(token: IToken | undefined): Range | undefined {
    if (!token || !(token.startOffset >= 0) || token.startLine === undefined || !(token.startLine >= 1)) return undefined;
    return {
        start: { line: token.startLine - 1, character: (token.startColumn ?? 1) - 1 },
        end: { line: (token.endLine ?? token.startLine) - 1, character: token.endColumn ?? token.startColumn ?? 1 }
    };
}

let repeatable: Repeatable | undefined;

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The most lexer and parser errors reported for one file. A plan with typos
 * has a handful; a file that is not a plan at all (a log, a CSV, an image
 * opened as text) has one per line or more, hundreds of thousands of lines of
 * output that help nobody. Past this many, the first ones are reported and one
 * more finding says how many were left out.
 */
export const MAX_SYNTAX_ERRORS = 100;

/** What a file with nothing in it is told: where a plan starts. */
export const EMPTY_FILE_MESSAGE = 'This file is empty: a plan starts with `plan Name { goal "…" }`; `mplan init` writes a starter plan.';

interface SyntaxFinding {
    range: Range;
    message: string;
    data?: Record<string, unknown>;
}

/** The first MAX_SYNTAX_ERRORS errors by position, and a finding for the rest; all of them when there are not more. */
function capped(errors: SyntaxFinding[]): SyntaxFinding[] {
    if (errors.length <= MAX_SYNTAX_ERRORS) return errors;
    const sorted = [...errors].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const rest = sorted.length - MAX_SYNTAX_ERRORS;
    return [...sorted.slice(0, MAX_SYNTAX_ERRORS), {
        range: sorted[MAX_SYNTAX_ERRORS].range,
        message: `${rest} more syntax errors from here on are not listed: fix the ones above first (later errors often follow from them), and make sure this is a plan file.`
    }];
}

export const syntaxError: Rule = {
    id: 'syntax-error',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: 'Text that does not follow the mplan language, with what was expected in plain words.',
    check(model, report) {
        const result = model.document.parseResult;
        const text = model.document.textDocument.getText();
        const errors: SyntaxFinding[] = [];
        for (const error of result.lexerErrors) {
            const line = (error.line ?? 1) - 1;
            const column = (error.column ?? 1) - 1;
            errors.push({
                range: { start: { line, character: column }, end: { line, character: column + Math.max(1, error.length) } },
                message: lexingMessage(text, error.offset, error.length)
            });
        }
        for (const error of result.parserErrors) {
            // A misspelled word is reported at that word, with the words meant for the quick fix.
            const typo = typoOf(error);
            const typoRange = typo && tokenRange(typo.token);
            if (typo && typoRange) {
                errors.push({ range: typoRange, message: error.message, data: { written: typo.token.image, meant: typo.words } });
                continue;
            }
            let range = tokenRange(error.token);
            // An error about the end of the file (a block left open after alternatives that start alike,
            // `price 49 USD` or `price 49 USD in EU`, chosen by looking ahead) belongs where the text ends.
            const atEnd = range && endOfFileOffset(error.message, model.document.textDocument.getText());
            if (atEnd !== undefined) {
                const at = model.document.textDocument.positionAt(atEnd);
                range = { start: at, end: at };
            }
            if (!range) {
                const previous = tokenRange((error as { previousToken?: IToken }).previousToken);
                range = previous ? { start: previous.end, end: previous.end } : START;
            }
            errors.push({ range, message: error.message });
        }
        for (const { range, message, data } of capped(errors)) report({ node: model.root, range, message, data });
        // A file with nothing in it (or only comments): a plan that judges nothing must not pass unseen.
        const root = model.root;
        if (errors.length === 0 && (root.imports ?? []).length === 0 && (root.elements ?? []).length === 0) {
            report({ node: root, range: START, message: EMPTY_FILE_MESSAGE });
        }
        // A fact that holds one value, stated twice: the later one would silently replace the first.
        repeatable ??= repeatableAssignments(MplanGrammar());
        for (const fact of findRepeatedFacts(model.root.elements ?? [], repeatable)) {
            report({
                node: fact.node,
                range: fact.second.range,
                message: `'${fact.keyword}' is stated twice here (first at line ${fact.first.range.start.line + 1}): it holds one value, so the later one would replace the first. Keep one.`
            });
        }
        // Currency codes: the grammar reads any name there, the code must be ISO-like.
        const codes: Array<{ node: AstNode; property: string; code: string | undefined }> = [];
        for (const money of moneyOf(model.own)) codes.push({ node: money, property: 'currency', code: money.currency });
        for (const tactic of model.own.tactics) {
            if (tactic.commission?.currency) codes.push({ node: tactic.commission, property: 'currency', code: tactic.commission.currency });
        }
        for (const segment of model.own.segments) {
            if (segment.spends) codes.push({ node: segment.spends, property: 'currency', code: segment.spends.currency });
            if (segment.income) {
                codes.push({ node: segment.income, property: 'currency', code: segment.income.currency });
                if (segment.income.minCurrency) codes.push({ node: segment.income, property: 'minCurrency', code: segment.income.minCurrency });
            }
        }
        for (const plan of model.own.plans) {
            if (plan.currency) codes.push({ node: plan, property: 'currency', code: plan.currency });
        }
        for (const { node, property, code } of codes) {
            if (code && !CURRENCY_CODE.test(code)) {
                report({ node, property, message: `'${code}' is not a currency code: write a three-letter ISO 4217 code such as USD, EUR or GBP.` });
            }
        }
    },
    fixKinds: ['safe'],
    fix(_model, finding) {
        // A misspelled keyword or allowed word, changed to the word meant: the grammar's own word, no fact invented.
        const meant = finding.data?.meant as string[] | undefined;
        const written = finding.data?.written as string | undefined;
        if (!meant || !written) return [];
        return meant.map(word => ({
            title: `Change '${written}' to '${word}'`,
            kind: 'safe' as const,
            edits: [{ range: finding.range, newText: word }],
            preferred: meant.length === 1
        }));
    }
};
