import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/args.js';

const ROOT = join(__dirname, '..', '..');

/** What `mplan --help` prints (help.ts needs the build's version constant, so ask the binary). */
const HELP = execFileSync(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), '--help'], { encoding: 'utf8' });

describe('the README', () => {
    it('names the test command that .ci/run calls', () => {
        expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('npm test');
        expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
    });

    it('shows the usage part of `mplan --help`, as the binary prints it', () => {
        const usage = HELP.slice(HELP.indexOf('Usage:\n') + 'Usage:\n'.length, HELP.indexOf('\nExit codes')).trimEnd();
        expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('```\n' + usage + '\n```');
    });
});

describe('mplan --help', () => {
    it('names every option each command accepts', () => {
        for (const [command, options] of Object.entries(COMMANDS)) {
            if (command === 'lsp' || command === 'help') continue;
            const lines = HELP.split('\n');
            const start = lines.findIndex(line => line.startsWith(`  mplan ${command}`));
            expect(start, `mplan ${command} in the help`).toBeGreaterThanOrEqual(0);
            const end = lines.findIndex((line, i) => i > start && line.startsWith('  mplan '));
            const section = lines.slice(start, end < 0 ? undefined : end).join('\n');
            for (const option of Object.keys(options)) {
                expect(section, `--${option} of mplan ${command}`).toMatch(new RegExp(`--${option}\\b`));
            }
        }
    });
});
