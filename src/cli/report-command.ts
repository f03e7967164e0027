import type { CommandResult } from './check.js';

export interface ReportOptions { plan: string[]; out?: string; config?: string; asOf?: string; cwd: string }

/** `mplan report PLAN --out FILE.html|.md`. (Being built.) */
export async function report(_options: ReportOptions): Promise<CommandResult> {
    return { stdout: '', stderr: 'mplan: report is not built yet\n', exitCode: 2 };
}
