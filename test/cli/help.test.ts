/**
 * The command line as a newcomer meets it (issue 17): a mistyped command,
 * option, option value or rule id gets one line with what was meant, and each
 * command has its own help, written from the same table the parser reads.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseArgs, type CommandName, type OptionSpec } from '../../src/cli/args.js';
import { expectOneCleanErrorLine, mplan, PLANS } from './run.js';

const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** A command's option, from the table. */
function spec(command: CommandName, option: string): OptionSpec | undefined {
    return (COMMANDS[command].options as Record<string, OptionSpec>)[option];
}

/** The option names a help text lists, one option per line (`  --name VALUE   what it does`). */
function optionsListed(help: string): string[] {
    return [...help.matchAll(/^ {2}--([a-z][a-z-]*)/gm)].map(match => match[1]).sort();
}

describe('a command that is not one', () => {
    it('mplan chek: one line with the nearest command, exit 2 (it used to say "chek: no such file or directory")', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        expectOneCleanErrorLine(await mplan(['chek'], dir), /^mplan: 'chek' is not a command\. Did you mean 'check'\? \(mplan --help lists the commands\)$/);
        expectOneCleanErrorLine(await mplan(['rport', 'plan.mplan', '--out', 'r.md'], dir), /^mplan: 'rport' is not a command\. Did you mean 'report'\?/);
        expectOneCleanErrorLine(await mplan(['expalin', 'no-goal'], dir), /^mplan: 'expalin' is not a command\. Did you mean 'explain'\?/);
        expectOneCleanErrorLine(await mplan(['launch'], dir), /^mplan: 'launch' is not a command, nor a file or folder here \(mplan --help lists the commands\)$/);
        expectOneCleanErrorLine(await mplan(['help', 'chek'], dir), /^mplan: 'chek' is not a command\. Did you mean 'check'\? \(mplan --help lists the commands\)$/);
        // With --help too: the hint, not the overview.
        expectOneCleanErrorLine(await mplan(['chek', '--help'], dir), /^mplan: 'chek' is not a command\. Did you mean 'check'\? \(mplan --help lists the commands\)$/);
        // A first word that reads as a path is the default command's: --help shows the overview.
        const overview = await mplan(['plans/launch.mplan', '--help'], dir);
        expect(overview.code).toBe(0);
        expect(overview.stdout).toContain('mplan check [paths...]');
    });

    it('a first word that is a file or folder is still checked, and a path that reads as one is still a missing file', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        // A folder named like a typo of a command is a folder.
        mkdirSync(join(dir, 'chek'));
        copyFileSync(join(PLANS, 'phone-retailer.mplan'), join(dir, 'chek', 'plan.mplan'));
        const folder = await mplan(['chek', '--config', join(PLANS, 'mplan.json')], dir);
        expect(folder).toMatchObject({ code: 0, stderr: '' });
        expect(folder.stdout).toMatch(/^1 file checked in .*: no problems\.\n$/);
        writeFileSync(join(dir, 'launch'), 'not a plan');
        expectOneCleanErrorLine(await mplan(['launch'], dir), /^mplan: launch: not a plan file \(plan files end in \.mplan\)$/);
        const run = await mplan(['ebook-list.mplan', '--format', 'json'], PLANS);
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout).files[0].path).toBe('ebook-list.mplan');
        const examples = await mplan(['corner-bakery'], PLANS);
        expect(examples.code).toBe(0);
        expect(examples.stdout).toMatch(/4 files checked/);
        expectOneCleanErrorLine(await mplan(['missing.mplan'], dir), /^mplan: missing\.mplan: no such file or directory$/);
        expectOneCleanErrorLine(await mplan(['plans/'], dir), /^mplan: plans\/: no such file or directory$/);
    });
});

describe('help per command', () => {
    it('mplan --help is the overview: every command on a line, no command\'s options', async () => {
        const run = await mplan(['--help']);
        expect(run.code).toBe(0);
        for (const command of COMMAND_NAMES) expect(run.stdout).toMatch(new RegExp(`^  mplan ${command}\\b`, 'm'));
        expect(optionsListed(run.stdout)).toEqual([]);
        expect(run.stdout).toContain('mplan COMMAND --help shows a command\'s options.');
        expect((await mplan(['help'])).stdout).toBe(run.stdout);
    });

    it.each(COMMAND_NAMES)('mplan %s --help and mplan help %s print that command\'s usage and options, and the parser takes exactly those', async command => {
        const run = await mplan([command, '--help']);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout.startsWith(`Usage: mplan ${COMMANDS[command].usage}\n`)).toBe(true);
        expect((await mplan(['help', command])).stdout).toBe(run.stdout);
        if (command !== 'check') expect(run.stdout).not.toContain('--severity-threshold');
        const listed = optionsListed(run.stdout);
        // Every option the help lists is one the parser accepts for this command…
        for (const option of listed) {
            const value = spec(command, option)?.kind === 'value' ? [spec(command, option)?.choices?.[0] ?? 'x'] : [];
            const parsed = parseArgs([command, `--${option}`, ...value]);
            expect(parsed, `--${option} of mplan ${command}`).not.toBeTypeOf('string');
        }
        // …and every option the parser accepts is listed: an option of no table is refused.
        expect(listed).toEqual(Object.keys(COMMANDS[command].options).sort());
        expect(parseArgs([command, '--not-an-option'])).toMatch(/^unknown option '--not-an-option' for mplan /);
    });

    it('a help line lists the values an option takes and its default', async () => {
        const run = await mplan(['check', '--help']);
        expect(run.stdout).toMatch(/^ {2}--format FORMAT +how the findings are printed: stylish, json, sarif, junit, github or\n +markdown \(default: stylish\)$/m);
        expect(run.stdout).toMatch(/^ {2}--severity-threshold LEVEL +the lowest severity that fails the run: error, warning or info\n +\(default: error\)$/m);
        expect(run.stdout.split('\n').every(line => line.length <= 100)).toBe(true);
    });
});

describe('did you mean', () => {
    it('an option of the command, by its nearest spelling', async () => {
        expectOneCleanErrorLine(await mplan(['check', '--formt', 'json']),
            /^mplan: unknown option '--formt' for mplan check\. Did you mean '--format'\? \(mplan check --help lists its options\)$/);
        expectOneCleanErrorLine(await mplan(['check', '--severity-treshold', 'warning']),
            /^mplan: unknown option '--severity-treshold' for mplan check\. Did you mean '--severity-threshold'\?/);
        expectOneCleanErrorLine(await mplan(['report', 'plan.mplan', '--output', 'r.md']),
            /^mplan: unknown option '--output' for mplan report\. Did you mean '--out'\? \(mplan report --help lists its options\)$/);
        // An option of another command says whose it is.
        expectOneCleanErrorLine(await mplan(['rules', '--fix']),
            /^mplan: unknown option '--fix' for mplan rules\. --fix is an option of mplan check\. \(mplan rules --help lists its options\)$/);
        expectOneCleanErrorLine(await mplan(['check', '--fast']), /^mplan: unknown option '--fast' for mplan check\. \(mplan check --help lists its options\)$/);
    });

    it('an option value, by spelling or as the start of one', async () => {
        expectOneCleanErrorLine(await mplan(['check', '--format', 'jsn']),
            /^mplan: --format takes stylish, json, sarif, junit, github or markdown, not 'jsn'\. Did you mean 'json'\?$/);
        expectOneCleanErrorLine(await mplan(['check', '--severity-threshold', 'warn']),
            /^mplan: --severity-threshold takes error, warning or info, not 'warn'\. Did you mean 'warning'\?$/);
        expectOneCleanErrorLine(await mplan(['rules', '--format=josn']), /^mplan: --format takes stylish or json, not 'josn'\. Did you mean 'json'\?$/);
        expectOneCleanErrorLine(await mplan(['check', '--format', 'xml']), /^mplan: --format takes stylish, json, sarif, junit, github or markdown, not 'xml'$/);
    });

    it('a rule id, from the registry', async () => {
        expectOneCleanErrorLine(await mplan(['explain', 'funel-unprofitable']),
            /^mplan: no rule 'funel-unprofitable'\. Did you mean 'funnel-unprofitable'\? \(mplan rules lists them\)$/);
        expectOneCleanErrorLine(await mplan(['explain', 'missing-guarante']), /^mplan: no rule 'missing-guarante'\. Did you mean 'missing-guarantee'\?/);
        expectOneCleanErrorLine(await mplan(['explain', 'zzz']), /^mplan: no rule 'zzz' \(mplan rules lists them\)$/);
        const run = await mplan(['explain', 'funnel-unprofitable']);
        expect(run.code).toBe(0);
    });
});
