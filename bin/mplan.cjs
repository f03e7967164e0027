#!/usr/bin/env node
'use strict';
// mplan needs Node >= 22 (Langium's parser uses Object.groupBy): say so plainly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(`mplan: needs Node.js 22 or newer, this is ${process.version}\n`);
    process.exit(2);
}
require('../out/cli.cjs');
