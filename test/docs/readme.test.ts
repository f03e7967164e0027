import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

describe('the README', () => {
    it('has the rule table generated from the registry', () => {
        const table = execFileSync(process.execPath, [join(ROOT, 'scripts', 'rules-table.mjs')], { encoding: 'utf8' });
        expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(table);
    });

    it('names the test command that .ci/run calls', () => {
        expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('npm test');
        expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
    });
});
