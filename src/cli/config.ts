import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../language/config/config-file.js';
import { DEFAULT_SETTINGS, type Settings } from '../language/config/settings.js';
import { RULES } from '../language/rules/index.js';
import { shown, UsageError } from './files.js';
import { MAX_SETTINGS_BYTES, readRegularFile, UnreadableFile } from '../host/read.js';

/**
 * The folder of the settings file a run uses: --config's folder, else the
 * working folder when it holds mplan.json; undefined when there is none. It
 * is one of the folders imports may be read from (check.ts, importRoots).
 */
export function settingsFolder(configPath: string | undefined, cwd: string): string | undefined {
    if (configPath) return path.dirname(path.resolve(cwd, configPath));
    return existsSync(path.join(cwd, CONFIG_FILE_NAME)) ? path.resolve(cwd) : undefined;
}

/**
 * The settings for a run: the file given with --config, else mplan.json in
 * the working directory when there is one, else the defaults. A file that
 * cannot be read or has a problem is a usage error: one line per problem,
 * each with file, line and column.
 */
export function loadSettings(configPath: string | undefined, cwd: string): Settings {
    const file = configPath ? path.resolve(cwd, configPath) : path.join(cwd, CONFIG_FILE_NAME);
    if (!configPath) {
        try {
            if (!statSync(file).isFile()) return DEFAULT_SETTINGS;
        } catch {
            return DEFAULT_SETTINGS;
        }
    }
    let text: string;
    try {
        text = readRegularFile(file, MAX_SETTINGS_BYTES, 'a settings file').toString('utf8');
    } catch (error) {
        const code = (error as { code?: string }).code;
        const reason = error instanceof UnreadableFile ? error.message : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? String(error);
        throw new UsageError(`${shown(file, cwd)}: cannot read the settings (${reason})`);
    }
    const { settings, problems } = parseConfig(text, new Set(RULES.map(rule => rule.id)));
    if (problems.length > 0) {
        const lines = problems.slice(0, 10).map(p => `${shown(file, cwd)}:${p.line}:${p.column}: ${p.message}`);
        if (problems.length > 10) lines.push(`${shown(file, cwd)}: ${problems.length - 10} more problems`);
        throw new UsageError(lines.join('\nmplan: '));
    }
    return settings;
}
