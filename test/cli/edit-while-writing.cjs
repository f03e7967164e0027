/*
 * Loaded with `node --require` before the mplan binary (test/cli/inputs-kept.test.ts): a marketer
 * saving the plan in an editor while mplan works on it. The moment mplan starts its first write to
 * EDIT_FILE (it creates the write's temporary file beside it: `.plan.mplan.<pid>.<random>.tmp`),
 * EDIT_TEXT is appended to EDIT_FILE first: after mplan read the file, before it replaces it.
 * Deterministic: no timing, the edit always lands between the read and the write.
 */
const fs = require('node:fs');
const path = require('node:path');

const target = process.env.EDIT_FILE;
const text = process.env.EDIT_TEXT;
const prefix = `.${path.basename(target)}.`;
const openSync = fs.openSync;
let edited = false;

fs.openSync = function (file, flags, ...rest) {
    if (!edited && flags === 'wx' && typeof file === 'string' && path.basename(file).startsWith(prefix) && file.endsWith('.tmp')) {
        edited = true;
        fs.appendFileSync(target, text);
    }
    return openSync.call(this, file, flags, ...rest);
};
