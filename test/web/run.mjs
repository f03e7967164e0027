#!/usr/bin/env node
// The playground and the browser language server in a real browser: Debian's Chromium driven by
// playwright-core (as test/vscode/e2e.mjs drives it), against web/ (npm run build:web) served by
// scripts/serve-web.mjs, and the CLI (out/, npm run build) for the comparison.
//
// Checks, each printed when it passes:
// - worker-parity: the worker (web/worker.js), given the files of examples/ by a client as the
//   playground gives them, publishes exactly the findings `mplan check examples --format json`
//   reports (file, line, column, rule id, message), every example;
// - load: the page shows the flawed example's findings with their rule ids, each linking to its
//   bundled rule page (which is served), and the report preview; no Content Security Policy
//   violation, the policy sent as a header too;
// - type: a plan typed into the editor gets its findings; hover and completion answer;
// - quick-fix: a finding's quick fix applies, its finding goes and the preview updates;
// - share: the share link opens the same files in a fresh browser;
// - reload: a reload keeps the text; a damaged share link keeps it too and says why;
// - a11y: every control has an accessible name, the editor is labelled, tabs reach the editor.
//
// Usage: npm run build && npm run build:web && node test/web/run.mjs [--update-docs-images]
//   --update-docs-images  also write docs/images/playground.png (the README's screenshot)
// Environment: MPLAN_CHROMIUM (default /usr/bin/chromium). On the first failure: `web: FAIL <check>:
// <why>`, test-artifacts/web/failure.png, exit 1. Every wait is for a state, with a deadline.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pagePolicy, serveWeb } from '../../scripts/serve-web.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = join(ROOT, 'web');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
const CHROMIUM = process.env.MPLAN_CHROMIUM ?? '/usr/bin/chromium';
const STEP_MS = 30_000;
const VIEWPORT = { width: 1440, height: 900 };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

const { chromium } = createRequire(import.meta.url)('playwright-core');

const options = process.argv.slice(2);
const updateDocsImages = options.includes('--update-docs-images');
if (options.some(o => o !== '--update-docs-images')) {
    console.error(`web: unknown option ${options.find(o => o !== '--update-docs-images')} (the only option is --update-docs-images)`);
    process.exit(2);
}

const state = { browser: undefined, server: undefined, page: undefined, check: 'set-up' };
/** Console messages that mean the page broke its policy or threw. */
const violations = [];

function log(message) {
    console.log(`web: ${message}`);
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

async function check(name, fn) {
    state.check = name;
    await fn();
    log(`${name} ok`);
}

function watch(page) {
    page.on('dialog', dialog => {
        violations.push(`a dialog opened: ${dialog.message()}`);
        void dialog.dismiss();
    });
    page.on('console', message => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', error => violations.push(`page error: ${error.message}`));
}

// --- the CLI's findings and the worker's -------------------------------------------------------

/** Every .mplan file of examples/ by path from the root (`examples/corner-bakery/plan.mplan`). */
function exampleFiles(dir = join(ROOT, 'examples')) {
    return readdirSync(dir).flatMap(name => {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) return exampleFiles(full);
        return name.endsWith('.mplan') ? [relative(ROOT, full)] : [];
    });
}

function sorted(lines) {
    return [...lines].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
}

function cliFindings() {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), 'check', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    assert(run.status === 1, `mplan check examples should exit 1 (the flawed example), exited ${run.status}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    return {
        files: report.files.map(f => f.path),
        lines: report.files.flatMap(f => f.findings.map(x => ({ file: f.path, line: x.line, column: x.column, rule: x.ruleId, message: x.message })))
    };
}

/**
 * In the page: a raw LSP client of web/worker.js that answers its file requests from `files`
 * (URI → text) under the workspace folder `root`, and resolves with what it publishes for each.
 */
function workerFindingsInPage({ files, root }) {
    return new Promise((done, fail) => {
        const worker = new Worker('worker.js');
        const published = {};
        const expected = Object.keys(files);
        const timer = setTimeout(() => fail(new Error(`no diagnostics for ${expected.filter(u => !published[u]).join(', ')}`)), 30_000);
        const send = message => worker.postMessage({ jsonrpc: '2.0', ...message });
        worker.onerror = event => fail(new Error(`the worker failed: ${event.message}`));
        worker.onmessage = ({ data: m }) => {
            if (m.method === 'mplan/fs/readFile') {
                const text = files[m.params.uri];
                send({ id: m.id, result: text === undefined ? { missing: true } : { text } });
            } else if (m.method === 'mplan/fs/readDirectory') {
                const folder = m.params.uri.endsWith('/') ? m.params.uri : `${m.params.uri}/`;
                const entries = new Map();
                for (const uri of expected.filter(u => u.startsWith(folder))) {
                    const rest = uri.slice(folder.length);
                    const slash = rest.indexOf('/');
                    const child = slash < 0 ? uri : folder + rest.slice(0, slash);
                    entries.set(child, { uri: child, isFile: slash < 0, isDirectory: slash >= 0 });
                }
                send({ id: m.id, result: [...entries.values()] });
            } else if (m.method === 'textDocument/publishDiagnostics') {
                published[m.params.uri] = m.params.diagnostics;
                if (expected.every(u => published[u])) {
                    clearTimeout(timer);
                    worker.terminate();
                    done(published);
                }
            } else if (m.id === 1 && !m.method) {
                send({ method: 'initialized', params: {} });
            } else if (m.id !== undefined && m.method) {
                send({ id: m.id, result: null });
            }
        };
        send({ id: 1, method: 'initialize', params: { processId: null, rootUri: root, capabilities: {}, workspaceFolders: [{ uri: root, name: 'examples' }] } });
    });
}

// --- the page -------------------------------------------------------------------------------

async function editorText(page) {
    return page.evaluate(() => [...document.querySelectorAll('#editors .cm-editor')].find(e => !e.hidden)?.querySelector('.cm-content')?.innerText ?? '');
}

async function findingRules(page) {
    return page.$$eval('#findings li', items => items.map(i => i.dataset.rule));
}

async function previewText(page) {
    return page.$eval('#preview', frame => frame.srcdoc);
}

async function waitFor(page, fn, arg, what) {
    try {
        await page.waitForFunction(fn, arg, { timeout: STEP_MS, polling: 50 });
    } catch {
        throw new Error(`timed out waiting for ${what}`);
    }
}

/** A plan with a known flaw and a quick fix: no money-back guarantee (docs/rules/missing-guarantee.md). */
const TYPED_PLAN = `plan CornerBakery {
    goal "Become the default caterer for downtown offices <img src=x onerror=alert(1)>"
    currency USD
}

offer {
    payments card, paypal, invoice
}

strategy Lunch {
    statement "Lunch <img src=x onerror=alert(2)> for offices"
}
`;

async function main() {
    const cli = cliFindings();
    const { server, url } = await serveWeb({ dir: WEB, port: 0 });
    state.server = server;
    mkdirSync(ARTIFACTS, { recursive: true });
    state.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await state.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    state.page = page;
    watch(page);

    await check('load', async () => {
        const response = await page.goto(url);
        assert(response.headers()['content-security-policy'] === pagePolicy(WEB), 'the page is served without its Content Security Policy header');
        assert(!/unsafe-eval/.test(pagePolicy(WEB)) && /script-src 'self'/.test(pagePolicy(WEB)), `the policy allows more script than the site's own: ${pagePolicy(WEB)}`);
        await waitFor(page, () => Number(document.body.dataset.findings) > 0 && document.querySelector('#preview')?.srcdoc.includes('QuickSourdough'), undefined, 'the flawed example\'s findings and preview');
        const rules = await findingRules(page);
        const expected = cli.lines.filter(l => l.file === 'examples/ebook-list.mplan').map(l => l.rule).sort();
        assert(JSON.stringify([...rules].sort()) === JSON.stringify(expected), `the page shows ${rules.join(', ')}; the CLI finds ${expected.join(', ')}`);
        const href = await page.$eval('#findings li[data-rule="missing-guarantee"] a.rule', a => a.href);
        assert(href.endsWith('rules/missing-guarantee.html'), `the rule id links to ${href}`);
        const rulePage = await context.request.get(href);
        assert(rulePage.ok() && (await rulePage.text()).includes('money-back guarantee'), `the rule page ${href} is not served`);
        // In the editor too: the underlined typo's tooltip names its rule, linked to its page, and offers its fixes.
        // The finding's place in the list takes the editor there.
        await page.click('#findings li[data-rule="unresolved-reference"] button.where');
        await page.locator('#editors .cm-editor:not([hidden]) .cm-lintRange', { hasText: 'Newsleter' }).first().hover();
        await page.waitForSelector('.cm-tooltip-lint a.rule', { timeout: STEP_MS });
        const tooltip = await page.$eval('.cm-tooltip-lint', t => ({ href: t.querySelector('a.rule')?.getAttribute('href'), text: t.textContent }));
        assert(tooltip.href === 'rules/unresolved-reference.html' && /Newsleter/.test(tooltip.text) && /Quick fixes/.test(tooltip.text), `the lint tooltip: ${JSON.stringify(tooltip)}`);
        await page.mouse.move(1, 1);
        await page.evaluate(() => {
            document.querySelector('#editors .cm-editor:not([hidden]) .cm-scroller')?.scrollTo(0, 0);
            document.getElementById('findings')?.scrollTo(0, 0);
        });
        await page.screenshot({ path: join(ARTIFACTS, 'load.png') });
        if (updateDocsImages) {
            mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
            await page.screenshot({ path: join(ROOT, 'docs', 'images', 'playground.png') });
        }
    });

    await check('worker-parity', async () => {
        const files = Object.fromEntries(exampleFiles().map(file => [`file:///${file}`, readFileSync(join(ROOT, file), 'utf8')]));
        const published = await page.evaluate(workerFindingsInPage, { files, root: 'file:///examples/' });
        const lines = Object.entries(published).flatMap(([uri, list]) => list.map(d => ({
            file: uri.slice('file:///'.length), line: d.range.start.line + 1, column: d.range.start.character + 1, rule: String(d.code), message: d.message
        })));
        assert(cli.lines.length > 0, 'the CLI found nothing in examples/');
        const a = JSON.stringify(sorted(lines)), b = JSON.stringify(sorted(cli.lines));
        if (a !== b) {
            const extra = sorted(lines).filter(l => !b.includes(JSON.stringify(l)));
            const missing = sorted(cli.lines).filter(l => !a.includes(JSON.stringify(l)));
            throw new Error(`the worker and the CLI differ: only the worker: ${JSON.stringify(extra)}; only the CLI: ${JSON.stringify(missing)}`);
        }
        assert(cli.files.every(f => published[`file:///${f}`]), 'the worker did not judge every example');
        log(`  ${cli.lines.length} findings in ${cli.files.length} files, equal`);
    });

    await check('type', async () => {
        await page.click('#editors .cm-editor:not([hidden]) .cm-content');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await page.keyboard.insertText(TYPED_PLAN);
        // A few keystrokes of their own: a word typed into the goal.
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('End');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.type(' soon');
        await waitFor(page, () => [...document.querySelectorAll('#findings li')].some(li => li.dataset.rule === 'missing-guarantee')
            && document.querySelector('#preview')?.srcdoc.includes('CornerBakery'), undefined, 'the typed plan\'s findings and preview');
        assert((await editorText(page)).includes('onerror=alert(1)> soon"'), 'the typed text is not in the editor');
        // The plan's markup reaches the report as text, never as an element.
        const preview = await previewText(page);
        assert(preview.includes('&lt;img src=x onerror=alert(1)&gt; soon') && !preview.includes('<img src=x'), 'the goal is not escaped in the report');
        // Hover on the keyword `goal` and completion at a new line.
        const goal = page.locator('#editors .cm-editor:not([hidden]) .cm-line', { hasText: 'goal' }).locator('text=goal').first();
        await goal.hover();
        await page.waitForSelector('.cm-tooltip-hover', { timeout: STEP_MS });
        const hover = await page.$eval('.cm-tooltip-hover', t => t.textContent);
        assert(hover && hover.length > 10, `the hover says: ${hover}`);
        await page.mouse.move(1, 1);
        await page.waitForSelector('.cm-tooltip-hover', { state: 'detached', timeout: STEP_MS });
        // A name's hover quotes the plan's words as text: markup in them is shown, never made.
        await page.locator('#editors .cm-editor:not([hidden]) .cm-line', { hasText: 'strategy Lunch' }).locator('text=Lunch').first().hover();
        await page.waitForSelector('.cm-tooltip-hover', { timeout: STEP_MS });
        const quoted = await page.$eval('.cm-tooltip-hover', t => ({ text: t.textContent, images: t.querySelectorAll('img').length }));
        assert(quoted.text.includes('<img src=x onerror=alert(2)>') && quoted.images === 0, `the hover of Lunch: ${JSON.stringify(quoted)}`);
        await page.mouse.move(1, 1);
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Control+Space');
        await page.waitForSelector('.cm-tooltip-autocomplete li', { timeout: STEP_MS });
        const labels = await page.$$eval('.cm-tooltip-autocomplete li', items => items.map(i => i.textContent));
        assert(labels.some(l => /segment|product|campaign/.test(l)), `completion at the top level offers ${labels.slice(0, 8).join(', ')}`);
        await page.keyboard.press('Escape');
    });

    await check('quick-fix-keyboard', async () => {
        // Ctrl+. on the finding's range in the editor lists its fixes, the first one focused.
        await page.click('#editors .cm-editor:not([hidden]) .cm-content');
        await page.keyboard.press('Control+Home');
        // Onto the plan's name, which the finding underlines.
        for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Control+.');
        await waitFor(page, () => document.activeElement?.closest('.fix-list') !== null && document.activeElement?.closest('li')?.dataset.line === '0',
            undefined, 'the fixes of the finding under the cursor, focused');
    });

    await check('quick-fix', async () => {
        const before = await previewText(page);
        assert(before.includes('missing-guarantee'), 'the preview does not list missing-guarantee before the fix');
        const version = await page.evaluate(() => Number(document.body.dataset.previewVersion));
        await page.click('#findings li[data-rule="missing-guarantee"] button.fixes');
        const fix = page.locator('#findings li[data-rule="missing-guarantee"] .fix-list button', { hasText: 'money-back guarantee' }).first();
        await fix.waitFor({ timeout: STEP_MS });
        await fix.click();
        await waitFor(page, v => !document.querySelector('#findings li[data-rule="missing-guarantee"]')
            && Number(document.body.dataset.previewVersion) > v && !document.querySelector('#preview').srcdoc.includes('missing-guarantee'), version, 'the finding to go and the preview to update');
        assert((await editorText(page)).includes('guarantee money back 30 days'), 'the fix did not write the guarantee');
    });

    await check('format', async () => {
        const text = await editorText(page);
        assert(text.includes('    currency USD\n'), 'the plan has no currency line to format');
        await page.click('#editors .cm-editor:not([hidden]) .cm-content');
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(text.replace('    currency USD\n', '  currency      USD\n'));
        await page.click('#format');
        await waitFor(page, () => /\n {4}currency USD\n/.test([...document.querySelectorAll('#editors .cm-editor')].find(e => !e.hidden)?.querySelector('.cm-content')?.innerText ?? ''),
            undefined, 'the formatter to lay out the currency line');
        const formatted = await editorText(page);
        // Whitespace only (it also lays the guarantee's facts out on lines of their own).
        const words = t => t.replace(/\s+/g, ' ').trim();
        assert(words(formatted) === words(text), `formatting changed more than whitespace:\n${formatted}`);
    });

    let shared;
    await check('share', async () => {
        shared = await editorText(page);
        await page.click('#share');
        await waitFor(page, () => document.querySelector('#share-link')?.value.includes('#v1.'), undefined, 'the share link');
        const link = await page.$eval('#share-link', input => input.value);
        const fresh = await state.browser.newContext({ viewport: VIEWPORT });
        const other = await fresh.newPage();
        watch(other);
        await other.goto(link);
        await waitFor(other, () => Number(document.body.dataset.findings) >= 0 && document.querySelector('#preview')?.srcdoc.includes('CornerBakery'), undefined, 'the shared plan');
        const text = await editorText(other);
        assert(text === shared, `the shared link opened other text:\n${text}`);
        await fresh.close();
    });

    await check('reload', async () => {
        await page.click('#editors .cm-editor:not([hidden]) .cm-content');
        await page.keyboard.press('Control+End');
        await page.keyboard.type('// kept across a reload\n');
        const typed = await editorText(page);
        await page.reload();
        await waitFor(page, () => document.querySelector('#preview')?.srcdoc.includes('CornerBakery'), undefined, 'the plan after the reload');
        assert(await editorText(page) === typed, 'the reload lost text');
        // A damaged share link: the user's text stays, and the page says why.
        await page.goto(`${url}#v1.AAAA-not-a-plan`);
        await waitFor(page, () => document.querySelector('#status')?.classList.contains('problem'), undefined, 'the damaged link\'s message');
        const message = await page.$eval('#status', s => s.textContent);
        assert(/share link cannot be opened/.test(message) && /own files are kept/.test(message), `the message says: ${message}`);
        await waitFor(page, () => document.querySelector('#preview')?.srcdoc.includes('CornerBakery'), undefined, 'the plan after a bad link');
        assert(await editorText(page) === typed, 'a damaged share link lost the text');
    });

    await check('files', async () => {
        const typed = await editorText(page);
        // Open an example over several files: each file a tab, the imports followed (its findings are the CLI's).
        await page.selectOption('#examples', 'corner-bakery');
        await page.click('#open-example');
        await waitFor(page, () => document.querySelector('#preview')?.srcdoc.includes('Plan report: CornerBakery') && document.body.dataset.findings !== undefined
            && document.querySelectorAll('#tabs [role="tab"]').length === 4, undefined, 'the corner-bakery example');
        const tabs = await page.$$eval('#tabs [role="tab"]', t => t.map(x => x.textContent).sort());
        assert(JSON.stringify(tabs) === JSON.stringify(['plan.mplan', 'shared/market.mplan', 'shared/offer.mplan', 'shared/products.mplan']), `tabs: ${tabs.join(', ')}`);
        const expected = cli.lines.filter(l => l.file.startsWith('examples/corner-bakery/')).map(l => l.rule).sort();
        await waitFor(page, n => Number(document.body.dataset.findings) === n, expected.length, `the example's ${expected.length} findings`);
        // A file opened from the computer joins the plan's files; the open file downloads as it is.
        await page.setInputFiles('#open-files', { name: 'extra.mplan', mimeType: 'text/plain', buffer: Buffer.from('// a library\nsegment Walkers {\n    who "People who walk by"\n}\n') });
        await waitFor(page, () => [...document.querySelectorAll('#tabs [role="tab"]')].some(t => t.textContent === 'extra.mplan' && t.getAttribute('aria-selected') === 'true'), undefined, 'the opened file');
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
        const downloaded = readFileSync(await download.path(), 'utf8');
        assert(download.suggestedFilename() === 'extra.mplan' && downloaded.startsWith('// a library') && downloaded.includes('segment Walkers'), `downloaded ${download.suggestedFilename()}: ${downloaded.slice(0, 60)}`);
        // The report of the plan (the preview's), exported as the same self-contained page.
        await waitFor(page, () => document.querySelector('#preview')?.srcdoc.includes('Plan report: CornerBakery'), undefined, 'the preview of the plan');
        const [report] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
        const html = readFileSync(await report.path(), 'utf8');
        assert(html.startsWith('<!DOCTYPE html>') && html.includes('<title>Plan report: CornerBakery</title>') && html.includes("default-src 'none'"), `exported: ${html.slice(0, 80)}`);
        // The files the example replaced are kept: one click brings them back.
        await page.click('#restore-previous');
        await waitFor(page, t => [...document.querySelectorAll('#editors .cm-editor')].find(e => !e.hidden)?.querySelector('.cm-content')?.innerText === t, typed, 'the restored files');
    });

    await check('a11y', async () => {
        const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, input, a, [role="tab"], iframe')]
            .filter(el => !el.hidden && !(el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent?.trim()
                || (el.id && document.querySelector(`label[for="${el.id}"]`))))
            .map(el => el.outerHTML.slice(0, 80)));
        assert(unnamed.length === 0, `controls without a name: ${unnamed.join(' | ')}`);
        assert(await page.$eval('#editors .cm-editor:not([hidden]) .cm-content', c => c.getAttribute('aria-label')) !== null, 'the editor has no label');
        await page.focus('#open-example');
        let reached = false;
        for (let i = 0; i < 30 && !reached; i++) {
            await page.keyboard.press('Tab');
            reached = await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false);
        }
        assert(reached, 'Tab from the toolbar never reaches the editor');
    });

    assert(violations.length === 0, `the page broke its policy or threw: ${violations.join(' | ')}`);
    log('no policy violation, no page error');
}

async function cleanUp() {
    await state.browser?.close().catch(() => undefined);
    state.server?.close();
}

try {
    await main();
    await cleanUp();
    log('all checks passed');
} catch (error) {
    console.error(`web: FAIL ${state.check}: ${error instanceof Error ? error.message : String(error)}`);
    await state.page?.screenshot({ path: join(ARTIFACTS, 'failure.png') }).catch(() => undefined);
    await cleanUp();
    process.exit(1);
}
