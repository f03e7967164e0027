import { DefaultLexer, type LangiumCoreServices, type LangiumParser, type Lexer } from 'langium';
import { createMplanParser } from './parser.js';

/**
 * Building the lexer and the parser is most of the work of a short check
 * (chevrotain analyses the grammar: about 50 ms), and they are the same for
 * every services instance. The CLI's start-up snapshot (src/cli/startup/)
 * builds them once, warm, and hands them over to the services its check
 * creates: `keepNextParser()` before its warm-up check, `handOverParser()`
 * after. Nothing else hands over, so the language server and the tests build
 * their own, as Langium does.
 */
interface ParserHandover {
    keeping: boolean;
    kept: { parser?: LangiumParser; lexer?: Lexer };
    offered?: { parser: LangiumParser; lexer: Lexer };
    taker?: object;
}

const handover: ParserHandover = { keeping: false, kept: {} };

/**
 * The services a Langium parser keeps from the services that built it (its
 * private fields): the ones re-pointed when another services instance takes
 * it over. If Langium ever names them otherwise, nothing is handed over.
 */
const PARSER_SERVICES = ['linker', 'converter', 'astReflection'] as const;

/** Keeps the next lexer and parser built, for `handOverParser`. */
export function keepNextParser(): void {
    handover.keeping = true;
    handover.kept = {};
}

/**
 * Offers the kept lexer and parser to the next services created, and lets go
 * of the services that built them. False when there is nothing to offer.
 */
export function handOverParser(): boolean {
    const { parser, lexer } = handover.kept;
    handover.keeping = false;
    handover.kept = {};
    const fields = parser as unknown as Record<string, unknown> | undefined;
    if (!parser || !lexer || !PARSER_SERVICES.every(key => fields?.[key] !== undefined)) return false;
    parser.parse('');
    for (const key of PARSER_SERVICES) fields![key] = undefined;
    handover.offered = { parser, lexer };
    handover.taker = undefined;
    return true;
}

/** What is offered to these services: the first services to ask take it. */
function offeredTo(services: LangiumCoreServices): ParserHandover['offered'] {
    if (!handover.offered) return undefined;
    handover.taker ??= services;
    return handover.taker === services ? handover.offered : undefined;
}

/** The lexer of these services: the one offered, or a new one. */
export function lexerFor(services: LangiumCoreServices): Lexer {
    const lexer = offeredTo(services)?.lexer ?? new DefaultLexer(services);
    if (handover.keeping) handover.kept.lexer ??= lexer;
    return lexer;
}

/** The parser of these services: the one offered, working for them now, or a new one. */
export function parserFor(services: LangiumCoreServices): LangiumParser {
    const offered = offeredTo(services);
    if (offered) {
        const now: Record<(typeof PARSER_SERVICES)[number], unknown> = {
            linker: services.references.Linker,
            converter: services.parser.ValueConverter,
            astReflection: services.shared.AstReflection
        };
        return Object.assign(offered.parser, now);
    }
    const parser = createMplanParser(services);
    if (handover.keeping) handover.kept.parser ??= parser;
    return parser;
}
