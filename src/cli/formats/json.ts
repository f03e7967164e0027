import type { CliFileResult, FormatContext } from './format.js';

/**
 * `{ files: [{ path, findings }], summary: { files, errors, warnings, infos } }`,
 * plus `baseline: { matched }` when a baseline was given. No time: the same
 * plans give the same JSON, so it can be compared and stored.
 */
export function formatJson(results: CliFileResult[], context: FormatContext): string {
    const json: Record<string, unknown> = { files: results, summary: context.summary };
    if (context.baselineMatched !== undefined) json.baseline = { matched: context.baselineMatched };
    return JSON.stringify(json, null, 2) + '\n';
}
