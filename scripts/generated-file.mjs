// How the generators of committed files (scripts/textmate.mjs, scripts/snippets.mjs)
// treat their output: write it, or with --check only say whether the committed file
// is stale (exit 1), or with --stdout print it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/** Returns the exit code; `source` is what the file is generated from, for the stale message. */
export function writeGenerated(file, text, args, { root, source, script }) {
    if (args.includes('--stdout')) {
        process.stdout.write(text);
        return 0;
    }
    if (args.includes('--check')) {
        const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
        if (current === text) return 0;
        process.stderr.write(`mplan: ${relative(root, file)} is not what ${source} gives: run \`node ${script}\`\n`);
        return 1;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return 0;
}
