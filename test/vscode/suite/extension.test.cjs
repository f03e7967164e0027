// The extension through the `vscode` API, in a real VS Code (see test/vscode/run-electron.mjs):
// ebook-list.mplan, opened from the workspace copy, gets the language, the findings its header
// lists (rule ids as codes), hover text, a quick fix that takes its problem away, and a preview.
// Every wait is for an event (diagnostics or tabs changing) with a deadline.
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');

const WAIT_MS = 60_000;
const workspace = process.env.MPLAN_TEST_WORKSPACE;
const file = vscode.Uri.file(join(workspace ?? '', 'ebook-list.mplan'));
const text = () => readFileSync(file.fsPath, 'utf8');

/**
 * Resolves with probe()'s first truthy value, checked now and on every `event`; rejects after
 * WAIT_MS with what `describe` says it saw.
 */
function until(what, probe, event, describe = () => '') {
    return new Promise((resolve, reject) => {
        let subscription;
        const timer = setTimeout(() => {
            subscription?.dispose();
            reject(new Error(`${what}: not within ${WAIT_MS / 1000} s${describe() ? `; seen: ${describe()}` : ''}`));
        }, WAIT_MS);
        const check = () => {
            const value = probe();
            if (!value) return;
            clearTimeout(timer);
            subscription?.dispose();
            resolve(value);
        };
        subscription = event(check);
        check();
    });
}

/** A diagnostic's code as a string (the server gives it a link to the rule's page too). */
function codeOf(diagnostic) {
    const code = diagnostic.code;
    return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

const diagnostics = () => vscode.languages.getDiagnostics(file);
const describeDiagnostics = () => diagnostics().map(d => `${d.range.start.line + 1}: ${codeOf(d)}`).join(', ');

/** The findings the file lists in its header comment, as (line, rule id) pairs. */
function listedFindings() {
    return [...text().matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)].map(m => ({ line: Number(m[1]), code: m[2] }));
}

const shows = (shown, { line, code }) => shown.some(d => codeOf(d) === code && d.range.start.line + 1 === line);

/** The position (0-based) of `word` on the first line matching `pattern`. */
function positionOf(pattern, word) {
    const lines = text().split('\n');
    const line = lines.findIndex(l => pattern.test(l));
    assert.ok(line >= 0, `no line matches ${pattern}`);
    return new vscode.Position(line, lines[line].indexOf(word));
}

async function hoverText(position) {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', file, position);
    return hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

exports.tests = [
    {
        name: 'ebook-list.mplan opens as mplan and shows the findings its header lists, with rule ids',
        async run() {
            assert.ok(workspace, 'MPLAN_TEST_WORKSPACE is not set (run the suite with test/vscode/run-electron.mjs)');
            const document = await vscode.workspace.openTextDocument(file);
            await vscode.window.showTextDocument(document);
            assert.equal(document.languageId, 'mplan');
            const expected = listedFindings();
            assert.ok(expected.length >= 10, `could not read the findings listed at the top of the file (${expected.length})`);
            await until('the listed findings', () => expected.every(e => shows(diagnostics(), e)),
                vscode.languages.onDidChangeDiagnostics, describeDiagnostics);
            for (const d of diagnostics()) assert.equal(d.source, 'mplan', `a diagnostic from ${d.source}: ${d.message}`);
            assert.equal(diagnostics().length, expected.length, `shown: ${describeDiagnostics()}`);
        }
    },
    {
        name: "hover explains the keyword 'serves' and summarizes the strategy ListFirst",
        async run() {
            const keyword = await hoverText(positionOf(/^\s+serves ListFirst/, 'serves'));
            assert.match(keyword, /serves/, `keyword hover: ${JSON.stringify(keyword)}`);
            assert.ok(keyword.length > 30, `the keyword hover says little: ${JSON.stringify(keyword)}`);
            const name = await hoverText(positionOf(/^\s+serves ListFirst/, 'ListFirst'));
            const statement = /strategy ListFirst \{\s*statement "([^"]+)"/.exec(text())?.[1];
            assert.ok(statement, 'the file has no strategy ListFirst with a statement');
            assert.match(name, /strategy ListFirst/, `name hover: ${JSON.stringify(name)}`);
            assert.ok(name.includes(statement), `the name hover does not quote the statement: ${JSON.stringify(name)}`);
        }
    },
    {
        name: "the quick fix \"Change to 'Newsletter'\" applies and unresolved-reference goes away",
        async run() {
            const typo = diagnostics().find(d => codeOf(d) === 'unresolved-reference');
            assert.ok(typo, `no unresolved-reference among ${describeDiagnostics()}`);
            const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', file, typo.range, vscode.CodeActionKind.QuickFix.value);
            const fix = actions.find(a => a.title === "Change to 'Newsletter'");
            assert.ok(fix && fix.edit, `no quick fix "Change to 'Newsletter'" among ${actions.map(a => a.title).join(', ')}`);
            assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit did not apply');
            const document = await vscode.workspace.openTextDocument(file);
            assert.match(document.lineAt(typo.range.start.line).text, /\bNewsletter\b/);
            const rest = listedFindings().filter(e => e.code !== 'unresolved-reference');
            await until('the findings without unresolved-reference',
                () => !diagnostics().some(d => codeOf(d) === 'unresolved-reference') && rest.every(e => shows(diagnostics(), e)),
                vscode.languages.onDidChangeDiagnostics, describeDiagnostics);
        }
    },
    {
        name: 'the command mplan.openPreview opens a preview of the plan beside it',
        async run() {
            const commands = await vscode.commands.getCommands(true);
            for (const id of ['mplan.openPreview', 'mplan.exportReport', 'mplan.explainRule']) assert.ok(commands.includes(id), `no command ${id}`);
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
            await vscode.commands.executeCommand('mplan.openPreview');
            const plan = /^plan\s+(\w+)/m.exec(text())?.[1];
            const webviewTabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputWebview);
            // The title names the plan once the server has sent the plan's report.
            await until(`a preview tab titled "Preview ${plan}"`, () => webviewTabs().some(t => t.label === `Preview ${plan}`),
                vscode.window.tabGroups.onDidChangeTabs, () => webviewTabs().map(t => t.label).join(', ') || 'no webview tab');
        }
    }
];
