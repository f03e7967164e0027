import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { dateProblem } from '../model/values.js';
import { DEFAULT_THRESHOLDS, EVERY_RULE, LEVELS, PACK_STATES, RANGE_ENDS, THRESHOLD_DOCS, type Level, type PackState, type RangeEnd, type Settings, type Thresholds } from './settings.js';
import { nearestNames } from '../model/names.js';
import { jurisdictionOfCode } from '../model/markets.js';

/** The name of the project file, at the workspace root. */
export const CONFIG_FILE_NAME = 'mplan.json';

/** A problem in the project file, 1-based like an editor shows it. */
export interface ConfigProblem {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
}

export interface ParsedConfig {
    /** The settings, with every broken entry left at its default. */
    settings: Settings;
    problems: ConfigProblem[];
}

const TOP_LEVEL = ['$schema', 'rules', 'thresholds', 'asOf', 'ranges', 'packs'];

/** The compliance packs mplan.json may switch, one per jurisdiction. */
const PACKS = ['US', 'CA', 'EU', 'UK'] as const;

/**
 * How deeply arrays and objects may nest. The settings are three levels deep;
 * the JSON parser recurses once per level, and a file of a hundred thousand
 * `[` would exhaust the stack, so deeper nesting is refused before parsing.
 */
const MAX_NESTING = 32;

/** The offset of the bracket that opens level MAX_NESTING + 1 (strings skipped), or -1. */
function tooDeep(text: string): number {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) {
            // Skip a string, escapes included; an unterminated one runs to the end.
            for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
        } else if (c === 91 || c === 123) {
            if (++depth > MAX_NESTING) return i;
        } else if (c === 93 || c === 125) {
            depth--;
        }
    }
    return -1;
}

/** A value from the file as a message quotes it: at most 40 characters, so a huge value still makes one short line. */
function clip(value: string): string {
    return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

const JSON_ERRORS: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'not a valid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: "expected ':'",
    CommaExpected: "expected ','",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: 'unexpected text after the end of the settings',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string'
};

/**
 * Reads the project file: JSON (never code) that sets rule levels, the
 * configurable thresholds and the "as of" date. Every problem is reported with
 * its line and column and what is wrong; what is broken keeps its default, so
 * an editor can still judge plans while the file is being fixed. A UTF-8
 * byte-order mark at the start is read past.
 */
export function parseConfig(source: string, ruleIds: ReadonlySet<string>): ParsedConfig {
    // A UTF-8 byte-order mark (as Notepad saves it) is no JSON: left out, as editors leave it out of the columns they show.
    const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
    const problems: ConfigProblem[] = [];
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const at = (offset: number, length: number, message: string): void => {
        const position = (o: number) => {
            let low = 0, high = lineStarts.length - 1;
            while (low < high) {
                const mid = (low + high + 1) >> 1;
                if (lineStarts[mid] <= o) low = mid; else high = mid - 1;
            }
            return { line: low + 1, column: o - lineStarts[low] + 1 };
        };
        const start = position(offset), end = position(offset + Math.max(length, 1));
        problems.push({ line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message });
    };

    if (text.trim() === '') {
        at(0, 0, 'the file is empty: it should hold a JSON object such as { "rules": {} }');
        return { settings: { rules: {}, thresholds: { ...DEFAULT_THRESHOLDS } }, problems };
    }
    const deep = tooDeep(text);
    if (deep >= 0) {
        at(deep, 1, `nested more than ${MAX_NESTING} levels deep: the settings are an object of objects, such as { "rules": { "no-free-offer": "off" } }`);
        return { settings: { rules: {}, thresholds: { ...DEFAULT_THRESHOLDS } }, problems };
    }
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    // Only the first syntax error: the ones after it are usually its echoes.
    for (const error of errors.slice(0, 1)) {
        const code = printParseErrorCode(error.error);
        at(error.offset, error.length, `not valid JSON: ${JSON_ERRORS[code] ?? code}`);
    }
    const rules: Record<string, Level> = {};
    const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS };
    let asOf: string | undefined;
    let ranges: RangeEnd | undefined;
    let packs: Partial<Record<(typeof PACKS)[number], PackState>> | undefined;
    if (!root || errors.length > 0) {
        return { settings: { rules, thresholds }, problems };
    }
    if (root.type !== 'object') {
        at(root.offset, root.length, 'the settings must be a JSON object, such as { "rules": { "no-free-offer": "off" } }');
        return { settings: { rules, thresholds }, problems };
    }
    for (const [key, keyNode, value] of properties(root)) {
        if (!TOP_LEVEL.includes(key)) {
            at(keyNode.offset, keyNode.length, `unknown setting '${clip(key)}': the settings are ${TOP_LEVEL.slice(1).join(', ')}`);
        } else if (key === 'rules') {
            if (value.type !== 'object') { at(value.offset, value.length, "'rules' must be an object of rule ids and levels"); continue; }
            for (const [id, idNode, level] of properties(value)) {
                if (!ruleIds.has(id) && id !== EVERY_RULE) {
                    const near = nearestNames(id, ruleIds);
                    at(idNode.offset, idNode.length, `unknown rule '${clip(id)}'${near.length ? `; did you mean '${near[0]}'?` : ' (mplan rules lists them)'}`);
                } else if (level.type !== 'string' || !LEVELS.includes(level.value)) {
                    at(level.offset, level.length, `the level of ${id === EVERY_RULE ? 'every rule (\'*\')' : `'${id}'`} must be one of ${LEVELS.join(', ')}, not ${clip(text.slice(level.offset, level.offset + level.length))}`);
                } else {
                    rules[id] = level.value as Level;
                }
            }
        } else if (key === 'thresholds') {
            if (value.type !== 'object') { at(value.offset, value.length, "'thresholds' must be an object of threshold names and numbers"); continue; }
            for (const [name, nameNode, number] of properties(value)) {
                const doc = Object.hasOwn(THRESHOLD_DOCS, name) ? THRESHOLD_DOCS[name as keyof Thresholds] : undefined;
                if (!doc) {
                    at(nameNode.offset, nameNode.length, `unknown threshold '${clip(name)}': the thresholds are ${Object.keys(THRESHOLD_DOCS).join(', ')}`);
                } else if (number.type !== 'number' || (!doc.fractional && !Number.isInteger(number.value)) || number.value < doc.minimum || number.value > doc.maximum) {
                    const what = doc.fractional ? 'a number' : 'a whole number';
                    at(number.offset, number.length, `'${name}' must be ${what} from ${doc.minimum} to ${doc.maximum}`);
                } else {
                    thresholds[name as keyof Thresholds] = number.value;
                }
            }
        } else if (key === 'asOf') {
            const problem = value.type === 'string' ? dateProblem(clip(value.value)) : 'it must be a date in double quotes';
            if (problem) at(value.offset, value.length, `'asOf' is not a date (YYYY-MM-DD): ${problem}`);
            else asOf = value.value;
        } else if (key === 'ranges') {
            if (value.type === 'string' && (RANGE_ENDS as readonly string[]).includes(value.value)) ranges = value.value as RangeEnd;
            else at(value.offset, value.length, `'ranges' must be "pessimistic" or "optimistic" (which end of a range such as 2% to 4% the money rules judge by)`);
        } else if (key === 'packs') {
            if (value.type !== 'object') { at(value.offset, value.length, `'packs' must be an object of jurisdictions and "on" or "off", such as { "EU": "off" }`); continue; }
            for (const [name, nameNode, state] of properties(value)) {
                if (!(PACKS as readonly string[]).includes(name)) {
                    const cased = PACKS.find(pack => pack === name.toUpperCase());
                    const under = jurisdictionOfCode(name.toUpperCase());
                    const hint = cased ? `; did you mean '${cased}'?` : under ? `; ${clip(name)} is in the ${under} pack` : '';
                    at(nameNode.offset, nameNode.length, `unknown rule pack '${clip(name)}': the packs are ${PACKS.join(', ')}${hint}`);
                } else if (state.type !== 'string' || !(PACK_STATES as readonly string[]).includes(state.value)) {
                    at(state.offset, state.length, `the pack '${name}' must be "on" or "off", not ${clip(text.slice(state.offset, state.offset + state.length))}`);
                } else {
                    (packs ??= {})[name as (typeof PACKS)[number]] = state.value as PackState;
                }
            }
        } else if (key === '$schema' && value.type !== 'string') {
            at(value.offset, value.length, "'$schema' must be a string");
        }
    }
    return { settings: { rules, thresholds, ...(asOf ? { asOf } : {}), ...(ranges ? { ranges } : {}), ...(packs ? { packs } : {}) }, problems };
}

function* properties(object: Node): Generator<[string, Node, Node]> {
    for (const property of object.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode && valueNode) yield [String(getNodeValue(keyNode)), keyNode, valueNode];
    }
}
