/**
 * The entry of the `mplan` command. It answers --version and --help at once
 * and loads the language (the rest of the CLI, in its own bundle) only for
 * the commands that need it, so that those start fast.
 */
import { HELP, MPLAN_VERSION_TEXT } from './help.js';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(MPLAN_VERSION_TEXT);
} else if (argv.length > 0 && (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h'))) {
    process.stdout.write(HELP);
} else {
    // Resolved at run time, beside this bundle: out/cli-main.cjs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const commands = require('./cli-main.cjs') as { main(): Promise<void> };
    void commands.main();
}
