import type { CliFileResult, FormatContext } from './format.js';

/**
 * `{ files: [{ path, findings }], summary: { files, errors, warnings, infos } }`,
 * plus `baseline: { matched }` when a baseline was given and
 * `unreadable: [{ path, reason }]` when a path or file could not be read (the
 * run then exits 2). No time: the same
 * plans give the same JSON, so it can be compared and stored.
 */
export function formatJson(results: CliFileResult[], context: FormatContext): string {
    const json: Record<string, unknown> = { files: results, summary: context.summary };
    if (context.baselineMatched !== undefined) json.baseline = { matched: context.baselineMatched };
    if (context.unreadable.length > 0) json.unreadable = context.unreadable;
    return JSON.stringify(json, null, 2) + '\n';
}
