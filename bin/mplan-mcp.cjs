#!/usr/bin/env node
'use strict';
// mplan-mcp needs Node >= 22 (Langium's parser uses Object.groupBy): say so plainly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(`mplan-mcp: needs Node.js 22 or newer, this is ${process.version}\n`);
    process.exit(2);
}
try {
    require('../out/mcp.cjs').main(process.argv.slice(2), 'mplan-mcp');
} catch (error) {
    // A broken or missing build: one line, never a dump of the bundle.
    const reason = error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('out/mcp.cjs')
        ? 'it is not built (run npm run build)'
        : String(error && error.message ? error.message : error).split('\n')[0];
    process.stderr.write(`mplan-mcp: cannot start: ${reason}\n`);
    process.exit(2);
}
