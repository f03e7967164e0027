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

describe('mplan --help and mplan COMMAND --help', () => {
    it('the overview names every command; each command\'s help names every option it accepts (test/cli/help.test.ts: and no other)', () => {
        for (const [command, spec] of Object.entries(COMMANDS)) {
            expect(HELP, `mplan ${command} in the overview`).toContain(`\n  mplan ${command}`);
            const own = execFileSync(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), command, '--help'], { encoding: 'utf8' });
            for (const option of Object.keys(spec.options)) {
                expect(own, `--${option} of mplan ${command}`).toMatch(new RegExp(`^  --${option}\\b`, 'm'));
            }
        }
    });

    it('the README shows mplan check\'s options as mplan check --help prints them', () => {
        const own = execFileSync(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), 'check', '--help'], { encoding: 'utf8' });
        const options = own.slice(own.indexOf('Options:\n')).trimEnd();
        expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('```\n' + options + '\n```');
    });
});
