// Writes schemas/mplan.schema.json, the JSON Schema of the project file,
// from the rule registry (via the built CLI's `mplan rules --format json`):
//   node scripts/schema.mjs
// A test fails when the committed schema differs from what this writes.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/mplan.cjs', import.meta.url));
const schema = execFileSync(process.execPath, [cli, 'schema'], { encoding: 'utf8' });
writeFileSync(new URL('../schemas/mplan.schema.json', import.meta.url), schema);
