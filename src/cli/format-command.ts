import type { CommandResult } from './check.js';

export interface FormatOptions { paths: string[]; check: boolean; cwd: string }

/** `mplan format [--check] [files]`. (Being built.) */
export async function formatFiles(_options: FormatOptions): Promise<CommandResult> {
    return { stdout: '', stderr: 'mplan: format is not built yet\n', exitCode: 2 };
}
