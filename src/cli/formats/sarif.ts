/**
 * SARIF 2.1.0, the format code-scanning services read (GitHub code scanning,
 * Azure DevOps, IDE viewers): one run whose tool driver carries every rule of
 * the registry with its docs, and one result per finding. A path or file
 * that could not be read is an error notification of the run's invocation,
 * which then did not succeed.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_URL, publicRuleDocsUrl } from '../../language/config/rule-docs.js';
import { RULES, type Rule, type Severity } from '../../language/rules/index.js';
import { rulePageBody } from '../../host/rule-docs.js';
import { whySection } from '../../language/report/rationale.js';
import { MPLAN_VERSION_TEXT } from '../help.js';
import type { CliFileResult, CliFinding, UnreadableFile } from './format.js';

/** The official schema of SARIF 2.1.0 (OASIS, with its errata). */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The base that repo-relative artifact URIs are relative to: the folder mplan ran in. */
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** A rule as a SARIF reportingDescriptor: ids, descriptions and docs from the registry and its pages. */
function descriptor(rule: Rule): Record<string, unknown> {
    const page = rulePageBody(rule.id);
    const why = page === undefined ? undefined : whySection(page);
    return {
        id: rule.id,
        shortDescription: { text: rule.description },
        ...(why ? { fullDescription: { text: why } } : {}),
        ...(page ? { help: { text: why ?? rule.description, markdown: page.trim() } } : {}),
        helpUri: publicRuleDocsUrl(rule.id),
        defaultConfiguration: { level: LEVEL[rule.severity] },
        properties: { tags: [rule.area] }
    };
}

/**
 * Where a file is, as SARIF wants it: relative to the folder mplan ran in
 * (`uriBaseId` %SRCROOT%), with `/` separators and percent-encoded; a file
 * outside that folder by its absolute file URI.
 */
export function artifactLocation(shown: string): { uri: string; uriBaseId?: string } {
    if (path.isAbsolute(shown)) return { uri: pathToFileURL(shown).href };
    return { uri: shown.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * A finding's message as a SARIF plain text message. SARIF 2.1.0 (§3.11.6)
 * reads `[text](target)` in such a message as an embedded link, and a viewer
 * shows it as one, so plan text quoted in a message (`[x](javascript:…)`)
 * could become a link: its square brackets, and the backslashes that escape
 * them, are escaped with a backslash, which viewers take out again. A message
 * string also reads `{0}` as a placeholder for an argument (§3.11.5), so its
 * literal curly brackets are doubled (`{{`, `}}`), as the standard asks.
 */
export function sarifText(message: string): string {
    return message.replace(/[\\[\]]/g, '\\$&').replace(/[{}]/g, '$&$&');
}

function result(file: CliFileResult, finding: CliFinding, ruleIndex: Map<string, number>): Record<string, unknown> {
    const index = ruleIndex.get(finding.ruleId);
    return {
        ruleId: finding.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[finding.severity],
        message: { text: sarifText(finding.message) },
        locations: [{
            physicalLocation: {
                artifactLocation: artifactLocation(file.path),
                region: {
                    startLine: finding.line,
                    startColumn: finding.column,
                    endLine: finding.endLine,
                    endColumn: finding.endColumn
                }
            }
        }]
    };
}

/** The invocation of a run with files that could not be read: not successful, one notification per file. */
function invocation(unreadable: UnreadableFile[]): Record<string, unknown> {
    return {
        executionSuccessful: false,
        toolExecutionNotifications: unreadable.map(file => ({
            level: 'error',
            message: { text: sarifText(`${file.path}: ${file.reason}`) },
            locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path) } }]
        }))
    };
}

/** The SARIF log of a run, as indented JSON. */
export function formatSarif(results: CliFileResult[], unreadable: UnreadableFile[] = []): string {
    const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
    const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'mplan',
                    version: MPLAN_VERSION_TEXT.trim(),
                    informationUri: PROJECT_URL,
                    rules: RULES.map(descriptor)
                }
            },
            ...(unreadable.length > 0 ? { invocations: [invocation(unreadable)] } : {}),
            // Langium's positions count UTF-16 code units, like LSP's.
            columnKind: 'utf16CodeUnits',
            results: results.flatMap(file => file.findings.map(finding => result(file, finding, ruleIndex)))
        }]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
