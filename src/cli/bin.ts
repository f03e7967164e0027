/**
 * The entry of the `mplan` command. It answers --version and --help at once
 * and loads the language (the rest of the CLI, in its own bundle) only for
 * the commands that need it: from the start-up snapshot of the initialised
 * language when there is one (src/cli/startup/), else by loading the bundle,
 * with V8's code cache, so that those start fast.
 */
import { enableCompileCache } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from './args.js';
import { helpFor, MPLAN_VERSION_TEXT } from './help.js';
import { BUILD_REQUEST } from './startup/cache.js';
import { startFromSnapshot, tellStart, userCacheDirectory } from './startup/launch.js';

const argv = process.argv.slice(2);
const help = helpFor(argv);
if (process.env[BUILD_REQUEST] === '1') {
    // Asked to build the start-up snapshot (by a run that had none, or by npm run build);
    // loaded only then, so that other runs do not load what it needs.
    void import('./startup/build.js').then(({ buildSnapshot }) => {
        let outcome;
        try {
            outcome = buildSnapshot(__dirname);
        } catch (error) {
            outcome = { built: false, message: error instanceof Error ? error.message : String(error) };
        }
        process.stdout.write(`mplan: start-up snapshot ${outcome.built ? 'built' : 'not built'}: ${outcome.message}\n`);
    });
} else if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(MPLAN_VERSION_TEXT);
} else if (help) {
    process.stdout.write(help.stdout);
    process.stderr.write(help.stderr);
    process.exitCode = help.exitCode;
} else if (argv[0] === 'mcp') {
    // The MCP server for AI assistants (src/mcp): its own bundle beside this one, with the SDK in it,
    // so that no other command loads the SDK. Long-lived, like the language server: no snapshot.
    const args = parseArgs(argv);
    if (typeof args === 'string') {
        process.stderr.write(`mplan: ${args}\n`);
        process.exitCode = 2;
    } else {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('./mcp.cjs') as { main(args: string[], name: string): void }).main(args.positional, 'mplan');
    }
} else {
    // The language server is long-lived: its start is not worth a snapshot.
    tellStart(`started without the start-up snapshot: ${argv[0] === 'lsp' ? 'the language server' : startFromSnapshot(argv, __dirname)}`);
    // V8 keeps the compiled code of the bundle, in mplan's cache folder (or NODE_COMPILE_CACHE).
    const cache = userCacheDirectory();
    if (process.env.NODE_COMPILE_CACHE || cache) enableCompileCache?.(process.env.NODE_COMPILE_CACHE ? undefined : path.join(cache!, 'compile'));
    // Resolved at run time, beside this bundle: out/cli-main.cjs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const commands = require('./cli-main.cjs') as { main(): Promise<void> };
    void commands.main();
}
