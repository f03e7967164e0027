import type { CommandResult } from './check.js';

export interface InitOptions { directory: string[]; force: boolean; cwd: string }

/** `mplan init [DIR]`. (Being built.) */
export async function init(_options: InitOptions): Promise<CommandResult> {
    return { stdout: '', stderr: 'mplan: init is not built yet\n', exitCode: 2 };
}
