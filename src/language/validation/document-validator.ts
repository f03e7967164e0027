import {
    AstUtils, Cancellation, DefaultDocumentValidator, getDiagnosticRange, interruptAndCheck, type LangiumDocument,
    type ValidationOptions
} from 'langium';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Connection } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import type { RuleDocs } from '../config/rule-docs.js';
import type { MplanServices } from '../mplan-module.js';
import type { PlanModelProvider } from '../model/plan-model.js';
import { runRules, type RuleFinding } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import type { Severity } from '../rules/rule.js';

const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

/**
 * Validation is the rule engine: every diagnostic, parse and link errors
 * included, comes from a rule of the registry and carries its id as `code`.
 * Langium's own handling of lexer, parser and linker errors is replaced by the
 * `syntax-error` and `unresolved-reference` rules, and no per-node checks are
 * registered, so the AST is not walked a second time.
 */
export class MplanDocumentValidator extends DefaultDocumentValidator {
    protected readonly models: PlanModelProvider;
    protected readonly docs: RuleDocs;
    protected readonly connection: Connection | undefined;

    constructor(services: MplanServices) {
        super(services);
        this.connection = services.shared.lsp.Connection;
        this.models = services.model.PlanModelProvider;
        this.docs = services.config.RuleDocs;
    }

    override async validateDocument(document: LangiumDocument, _options: ValidationOptions = {}, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        await interruptAndCheck(cancelToken);
        const model = this.models.get(document as LangiumDocument<Document>);
        return runRules(model, RULES, (rule, error) => this.logRuleFailure(document, rule.id, error)).map(finding => this.toRuleDiagnostic(finding));
    }

    /**
     * A rule that throws is a bug in mplan: the user sees one finding of that rule, and the
     * language server's log gets the stack, for the bug report. (The CLI has no such log.)
     */
    protected logRuleFailure(document: LangiumDocument, ruleId: string, error: unknown): void {
        const detail = error instanceof Error ? error.stack ?? error.message : String(error);
        this.connection?.console.error(`mplan: the rule '${ruleId}' failed on ${document.uri.toString()}: ${detail}`);
    }

    protected toRuleDiagnostic(finding: RuleFinding): Diagnostic {
        const related: DiagnosticRelatedInformation[] = [];
        for (const item of finding.related ?? []) {
            const range = item.node.$cstNode?.range;
            const document = AstUtils.getDocument(item.node);
            if (range) related.push({ location: { uri: document.uri.toString(), range }, message: item.message });
        }
        const href = this.docs.hrefFor(finding.rule.id);
        return {
            range: getDiagnosticRange(finding),
            severity: SEVERITY[finding.level],
            code: finding.rule.id,
            ...(href ? { codeDescription: { href } } : {}),
            source: 'mplan',
            message: finding.message,
            ...(finding.data ? { data: finding.data } : {}),
            ...(related.length ? { relatedInformation: related } : {})
        };
    }
}
