// The suite test/vscode/run-electron.mjs runs in VS Code's extension host: it loads every
// *.test.cjs file of this folder (each exports `tests`, a list of { name, run }), runs the tests
// one after the other in file order, prints a line for each and a closing count, and rejects when
// any failed or none ran, which makes VS Code exit non-zero. No test framework: node:assert and
// the `vscode` API are enough, and nothing more needs installing.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

/** One test may take this long (VS Code and the language server starting included). */
const TEST_TIMEOUT_MS = 120_000;

function withTimeout(promise, name) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not finish within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function run() {
    const files = readdirSync(__dirname).filter(name => name.endsWith('.test.cjs')).sort();
    let passed = 0;
    let failed = 0;
    for (const file of files) {
        for (const test of require(join(__dirname, file)).tests) {
            try {
                await withTimeout(Promise.resolve().then(test.run), test.name);
                passed++;
                console.log(`  ok    ${test.name}`);
            } catch (error) {
                failed++;
                const message = error instanceof Error ? error.message : String(error);
                console.log(`  FAIL  ${test.name}\n        ${message.split('\n').join('\n        ')}`);
            }
        }
    }
    console.log(`vscode: ${passed} passed, ${failed} failed`);
    if (failed > 0 || passed === 0) throw new Error(passed === 0 ? 'no test ran' : `${failed} test(s) failed`);
}

module.exports = { run };
