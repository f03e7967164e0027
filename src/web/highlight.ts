/**
 * Highlighting in the playground's editor, from the TextMate grammar (syntaxes/mplan.tmLanguage.json,
 * generated from the Langium grammar: the grammar stays the only list of words). A CodeMirror stream
 * language reads comments, strings and numbers itself and a word by the grammar's keyword patterns.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';
import grammar from '../../syntaxes/mplan.tmLanguage.json';

interface Pattern { name?: string; match?: string }

/** The keyword patterns of the TextMate grammar, as sticky regular expressions with their highlighting tag. */
function keywordPatterns(): Array<{ regex: RegExp; tag: string }> {
    const patterns = (grammar.repository.keywords.patterns as Pattern[]).filter(p => p.match && p.name);
    return patterns.map(p => ({
        regex: new RegExp(p.match!, 'y'),
        tag: p.name!.startsWith('constant.language') ? 'atom' : p.name!.startsWith('keyword.control') ? 'keyword' : 'keyword'
    }));
}

const KEYWORDS = keywordPatterns();
const NUMBER = /(?<![\w-])(?:\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\d[\d_]*(?:\.\d+)?)(?![\w-])/y;
const WORD = /[_a-zA-Z][\w-]*/y;

interface State { inComment: boolean }

function sticky(stream: StringStream, regex: RegExp): boolean {
    regex.lastIndex = stream.pos;
    const match = regex.exec(stream.string);
    if (!match || match[0].length === 0) return false;
    stream.pos += match[0].length;
    return true;
}

export const mplanLanguage = StreamLanguage.define<State>({
    name: 'mplan',
    startState: () => ({ inComment: false }),
    copyState: state => ({ ...state }),
    token(stream, state) {
        if (state.inComment) {
            const end = stream.string.indexOf('*/', stream.pos);
            if (end < 0) stream.skipToEnd();
            else { stream.pos = end + 2; state.inComment = false; }
            return 'comment';
        }
        if (stream.eatSpace()) return null;
        if (stream.match('/*')) { state.inComment = true; return 'comment'; }
        if (stream.match('//')) { stream.skipToEnd(); return 'comment'; }
        if (stream.eat('"')) {
            let escaped = false;
            while (!stream.eol()) {
                const ch = stream.next();
                if (ch === '"' && !escaped) break;
                escaped = !escaped && ch === '\\';
            }
            return 'string';
        }
        if (sticky(stream, NUMBER)) return 'number';
        for (const { regex, tag } of KEYWORDS) if (sticky(stream, regex)) return tag;
        if (sticky(stream, WORD)) return 'variableName';
        stream.next();
        return /[{}]/.test(stream.current()) ? 'brace' : null;
    },
    languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } }
});
