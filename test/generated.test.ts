import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types
import * as untypedGenerate from '../scripts/generate.mjs';

const ROOT = join(import.meta.dirname, '..');

const { GENERATORS, generate, staleFiles, staleMessage } = untypedGenerate as {
    GENERATORS: { path: string; from: string }[];
    generate(root: string): Promise<string[]>;
    staleFiles(root: string): Promise<string[]>;
    staleMessage(path: string): string;
};

/** A folder holding a copy of every generated file of the repository. */
function copyOfGeneratedFiles(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-generated-'));
    for (const { path } of GENERATORS) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        cpSync(join(ROOT, path), join(dir, path));
    }
    return dir;
}

describe('the generated files', () => {
    it('are what their generators give (else: npm run generate)', () => {
        const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
        // On failure, stderr names every stale file and the command that writes it again.
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
    });

    it('are the JSON schema, the README\'s rule table, the TextMate grammar and the language reference', () => {
        expect(GENERATORS.map(g => g.path)).toEqual([
            'schemas/mplan.schema.json',
            'README.md',
            'syntaxes/mplan.tmLanguage.json',
            'docs/language.md'
        ]);
    });

    it('when stale or missing, are each named with the command, and that command writes them again, once', async () => {
        const dir = copyOfGeneratedFiles();
        try {
            expect(await staleFiles(dir)).toEqual([]);
            const readme = readFileSync(join(dir, 'README.md'), 'utf8');
            const row = readme.split('\n').find(line => line.startsWith('| `invalid-date` |'))!;
            writeFileSync(join(dir, 'README.md'), readme.replace(row + '\n', ''));
            rmSync(join(dir, 'syntaxes'), { recursive: true });
            const stale = await staleFiles(dir);
            expect(stale).toEqual(['README.md', 'syntaxes/mplan.tmLanguage.json']);
            expect(stale.map(staleMessage)).toEqual([
                'README.md is out of date: run npm run generate',
                'syntaxes/mplan.tmLanguage.json is out of date: run npm run generate'
            ]);
            expect(await generate(dir)).toEqual(stale);
            expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readme);
            expect(await staleFiles(dir)).toEqual([]);
            expect(await generate(dir)).toEqual([]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
