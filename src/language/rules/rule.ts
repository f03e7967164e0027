import type { AstNode } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { PlanModel } from '../model/plan-model.js';
import type { Suppression } from './suppressions.js';

export type Severity = 'error' | 'warning' | 'info';

/** The areas of a plan, as RULES.md groups the rules. */
export type Area = 'language' | 'market' | 'competition' | 'research' | 'offer' | 'strategy' | 'campaign' | 'funnel' | 'compliance';

/** One finding of a rule, placed on a node (or a property of it) or on a raw range. */
export interface Finding {
    node: AstNode;
    /** Narrow the range to this property of the node (and this index of a list property). */
    property?: string;
    index?: number;
    /** Or to this keyword of the node. */
    keyword?: string;
    /** Or to exactly this range (parser errors, which have no node). */
    range?: Range;
    message: string;
    /** Facts a quick fix or a tool needs; never shown. */
    data?: Record<string, unknown>;
    /** Other places that take part in the finding (in this or another file). */
    related?: Array<{ node: AstNode; message: string }>;
}

export type Report = (finding: Finding) => void;

/**
 * What a fix does to the plan's facts, decided for every fix:
 * - `safe`: it repairs form or links names the plan declares, and writes no
 *   fact the plan does not already state (a typo to an existing name, a link
 *   to an existing strategy, a period copied from the campaign's tactics, a
 *   checkbox made unticked, …). `mplan check --fix` applies it when it is the
 *   finding's only fix.
 * - `suggestion`: it adds or chooses a business fact (a payment method, a
 *   guarantee, a budget, a date, a person, a price, an amount, a cadence, a
 *   placeholder to rewrite, …), which is the marketer's to decide. Offered in
 *   the editor, never preferred, never applied by `--fix`; its title says what
 *   to check.
 */
export type FixKind = 'safe' | 'suggestion';

interface FixEdits {
    title: string;
    edits: TextEdit[];
}

/** A fix that invents nothing. */
export interface SafeFix extends FixEdits {
    kind: 'safe';
    /** The obvious fix among several (editors apply it on "fix all"). */
    preferred?: boolean;
}

/** A fix that writes a business fact for the marketer to check: never preferred. */
export interface SuggestedFix extends FixEdits {
    kind: 'suggestion';
    preferred?: never;
}

/** A quick fix: text edits to the file the finding is in, safe or a suggestion. */
export type Fix = SafeFix | SuggestedFix;

/** What a fix knows of a finding: where it was reported and its data. */
export interface FixContext {
    range: Range;
    data?: Record<string, unknown>;
}

/**
 * A rule of the catalogue. Its id is a contract (RULES.md): spelled exactly,
 * never renamed. `check` reads the plan model and reports findings; it does
 * no I/O and keeps no state between calls. Why the rule matters, with an
 * incorrect and a correct example, is its docs page, docs/rules/<id>.md.
 */
export interface Rule {
    readonly id: string;
    readonly severity: Severity;
    readonly area: Area;
    /** One line: what the rule reports. */
    readonly description: string;
    /** Where the rule comes from: the seed file and passage, or "beyond". */
    readonly basis?: string;
    /**
     * `plan`: runs on plan files only and judges the whole plan (the file and
     * its imports); `file`: runs on every file and judges that file's blocks.
     */
    readonly scope: 'plan' | 'file';
    /**
     * The rule reports facts missing from a block (a deadline, a budget, a
     * segment's age). Its findings on a block whose text holds a syntax error
     * are dropped by the engine: error recovery may have lost the fact.
     */
    readonly reportsMissingFacts?: boolean;
    check(model: PlanModel, report: Report): void;
    /** Ways to fix a finding of this rule, if there are any; never guesses. */
    fix?(model: PlanModel, finding: FixContext): Fix[];
    /**
     * The kinds of fix `fix` returns, as the rule's docs page names them: given
     * exactly when `fix` is (the registry test holds every fix returned to it,
     * and the rule's docs page to it).
     */
    readonly fixKinds?: readonly FixKind[];
    /**
     * For the few rules that judge the other rules' results (unused-suppression):
     * runs after every check, with what the suppressions of the file silenced.
     */
    review?(model: PlanModel, usage: SuppressionUsage, report: Report): void;
}

/** What each suppression comment of a file silenced, for `Rule.review`. */
export interface SuppressionUsage {
    suppressions: Suppression[];
    /** For each suppression, the rule ids it silenced at least one finding of. */
    used: Map<Suppression, Set<string>>;
    /** Whether a rule id is in the registry and turned on. */
    isActive(id: string): boolean;
    isKnown(id: string): boolean;
}
