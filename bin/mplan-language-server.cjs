#!/usr/bin/env node
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(`mplan-language-server: needs Node.js 22 or newer, this is ${process.version}\n`);
    process.exit(2);
}
require('../out/server.cjs');
