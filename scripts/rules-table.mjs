// Prints the README's rule table from the rule registry (via the built CLI):
//   node scripts/rules-table.mjs
// A test fails when the README's table differs from this output.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/mplan.cjs', import.meta.url));
const rules = JSON.parse(execFileSync(process.execPath, [cli, 'rules', '--format', 'json'], { encoding: 'utf8' }));
const lines = ['| rule | severity | what it reports |', '|---|---|---|'];
for (const rule of rules) lines.push(`| \`${rule.id}\` | ${rule.severity} | ${rule.description.replace(/\|/g, '\\|')} |`);
process.stdout.write(lines.join('\n') + '\n');
