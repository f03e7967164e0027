import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types
import { generateWorkspace as untypedGenerateWorkspace } from '../../bench/generate.mjs';
import { mplan, pinnedSettings, ROOT } from './run.js';

const generateWorkspace = untypedGenerateWorkspace as (plans: number, libraries: number) => Map<string, string>;

/** The generated plans' campaigns run in 2027: judge them on a fixed day. */
const AS_OF = ['--as-of', '2027-01-15'];

function write(root: string, files: Record<string, string> | Map<string, string>): void {
    for (const [file, text] of files instanceof Map ? files : Object.entries(files)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
    }
}

/**
 * A workspace of 67 files in eight independent groups: four teams made by
 * the benchmark's generator (plans sharing market and offer libraries, with
 * flaws added so that there is something to report), and three small teams
 * built to catch a wrong split:
 * - team b imports team a's library with a comment inside the import, which
 *   the cheap reading of imports does not see; the library's findings depend
 *   on both plans (each targets one of its two segments);
 * - team b's tactic serves a strategy declared only in teams c and d, not
 *   imported: the message names the first file declaring it in the run.
 * Its mplan.json pins the rules they are judged by: the fixture plans' rules
 * (test/fixtures/README.md) and untargeted-segment, which a test looks for.
 */
function workspace(): string {
    const root = mkdtempSync(join(tmpdir(), 'mplan-'));
    for (let team = 0; team < 4; team++) {
        const files = generateWorkspace(12, 2);
        const prefixed = new Map([...files].map(([file, text]) => [`team${team}/${file}`, text]));
        if (team === 1) {
            // No guarantee: every plan of the team has an error, and the offer library is judged with all of them.
            prefixed.set('team1/shared/offer.mplan', files.get('shared/offer.mplan')!.replace(/^\s*guarantee .*$/m, ''));
        }
        if (team === 2) {
            prefixed.set('team2/plans/plan3.mplan', files.get('plans/plan3.mplan')!.replace('serves Win1', 'serves Win7'));
        }
        write(root, prefixed);
    }
    write(root, {
        'odd/a/lib.mplan': 'segment Shoppers { who "People who shop" decides }\nsegment Gardeners { who "People who garden" decides }\n',
        'odd/a/plan.mplan': 'import "lib.mplan"\nplan A { goal "Sell to shoppers" currency USD }\nstrategy ForShoppers { statement "Win shoppers" targets Shoppers }\n',
        'odd/b/plan.mplan': [
            'import /* team a\'s library */ "../a/lib.mplan"',
            'plan B { goal "Sell to gardeners" currency USD }',
            'strategy ForGardeners { statement "Win gardeners" targets Gardeners }',
            'tactic Stray { serves Elsewhere channel seo on google budget 100 USD from 2027-02-01 to 2027-03-01 }',
            ''
        ].join('\n'),
        'odd/c/lib.mplan': 'strategy Elsewhere { statement "Somewhere else" }\n',
        'odd/c/plan.mplan': 'import "lib.mplan"\nplan C { goal "Elsewhere" currency USD }\n',
        'odd/d/lib.mplan': 'strategy Elsewhere { statement "Somewhere else again" }\n',
        'odd/d/plan.mplan': 'import "lib.mplan"\nplan D { goal "Elsewhere again" currency USD }\n',
        'mplan.json': pinnedSettings({ rules: { 'untargeted-segment': 'info' } })
    });
    return root;
}

/** The summary line's time varies from run to run; nothing else may. */
function withoutTime(text: string): string {
    return text.replace(/\d+(\.\d+)? ?m?s\b/g, 'T');
}

let root: string;

beforeAll(() => {
    root = workspace();
    // Every run of this file says how it was split, on stderr (see docs/checking.md).
    process.env.MPLAN_DEBUG_JOBS = '1';
});

describe('mplan check --jobs', () => {
    it('prints exactly what one process prints, whether the run is split in two or into every group', async () => {
        const runs = await Promise.all(['1', '2', '16'].map(async jobs => ({
            jobs,
            json: await mplan(['check', '.', ...AS_OF, '--jobs', jobs, '--format', 'json'], root),
            stylish: await mplan(['check', '.', ...AS_OF, '--jobs', jobs], root)
        })));
        const [one, two, all] = runs;
        expect(one.json.code).toBe(1);
        const parsed = JSON.parse(one.json.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; message: string }> }> };
        expect(parsed.files).toHaveLength(67);
        // The flaws are there to be reported: the split must not lose or change them.
        const messages = parsed.files.flatMap(file => file.findings.map(finding => `${file.path} ${finding.ruleId} ${finding.message}`));
        expect(messages).toEqual(expect.arrayContaining([
            expect.stringMatching(/^team1\/plans\/plan0\.mplan missing-guarantee /),
            expect.stringMatching(/^team2\/plans\/plan3\.mplan unresolved-reference No strategy named 'Win7'/),
            expect.stringMatching(/^odd\/b\/plan\.mplan unresolved-reference .*One is declared in \.\.\/c\/lib\.mplan: import that file\./)
        ]));
        // Each of team a's segments is targeted by one of the two plans that import the library: no finding.
        expect(messages.filter(m => m.startsWith('odd/a/lib.mplan untargeted-segment'))).toEqual([]);
        for (const run of [two, all]) {
            expect(run.json.code).toBe(one.json.code);
            expect(run.json.stdout, `--jobs ${run.jobs}`).toBe(one.json.stdout);
            expect(run.stylish.code).toBe(one.stylish.code);
            expect(withoutTime(run.stylish.stdout), `--jobs ${run.jobs}`).toBe(withoutTime(one.stylish.stdout));
        }
        expect(one.stylish.stderr).toMatch(/in process \(--jobs 1\)/);
        expect(two.stylish.stderr).toMatch(/^mplan: checked 67 files in 8 independent groups, 2 at a time \(this thread and 1 worker\)/m);
        // Every group alone: the hidden import and the name declared elsewhere must send teams a, b and c back together.
        expect(all.stylish.stderr).toMatch(/^mplan: checked 67 files in 8 independent groups, 8 at a time \(this thread and 7 workers\), regrouped 1 time$/m);
    });

    it('keeps one process without --jobs, and for plans that all import one library', async () => {
        const ordinary = await mplan(['check', '.', ...AS_OF], root);
        expect(ordinary.stderr).toMatch(/^mplan: checked 67 files in process \(no --jobs\)$/m);
        const oneGroup = await mplan(['check', 'team0', ...AS_OF, '--jobs', '2'], root);
        expect(oneGroup.code).toBe(0);
        expect(oneGroup.stderr).toMatch(/^mplan: checked 15 files in process \(one group: the files import each other\)$/m);
    });
});

describe('progress', () => {
    /** Runs mplan with a terminal for its output (util-linux `script`), as a user at a terminal sees it. */
    function atTerminal(args: string[], cwd: string): string {
        const command = [process.execPath, join(ROOT, 'bin', 'mplan.cjs'), ...args].map(arg => `'${arg}'`).join(' ');
        return spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
    }

    it('counts the files on a terminal while checking more than 20 files, then erases itself', () => {
        const output = atTerminal(['check', '.', ...AS_OF, '--format', 'json'], root);
        expect(output).toMatch(/\r\x1b\[Kchecking \d+\/67 files…/);
        // Erased before the findings are printed: the last progress line is followed by the erase, then the output.
        const erased = output.lastIndexOf('\r\x1b[K');
        expect(output.lastIndexOf('files…')).toBeLessThan(erased);
        expect(output.slice(erased + 4).trimStart()).toMatch(/^\{/);
    });

    it('shows nothing for a short run, nor when the output goes to a pipe', async () => {
        expect(atTerminal(['check', 'odd', ...AS_OF], root)).not.toContain('files…');
        const piped = await mplan(['check', '.', ...AS_OF], root);
        expect(piped.stderr + piped.stdout).not.toMatch(/files…|\r/);
    });
});
