import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { LspClient, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/** A campaign from 2020-02-01 to 2020-06-30 without results: missing-results fires once it has ended. */
const PAST = `plan Bakery {
    currency USD
}
campaign Spring {
    staff Ann from marketing, sales
    from 2020-02-01 to 2020-06-30
    track sales, satisfaction
}
`;

function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-lsp-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

describe('initializationOptions (the VS Code extension settings)', () => {
    it('configFile: the server reads that settings file instead of mplan.json', async () => {
        const dir = workspace({
            'plan.mplan': PAST,
            'mplan.json': '{ "rules": {} }',
            'team-settings.json': '{ "rules": { "missing-results": "off" } }'
        });
        client = await LspClient.start({ workspace: dir, initializationOptions: { configFile: 'team-settings.json' } });
        const diagnostics = await client.open(uri(join(dir, 'plan.mplan')), PAST);
        expect(diagnostics.map(d => d.code)).not.toContain('missing-results');
    });

    it('asOf: the day date rules judge by, over the settings file', async () => {
        const dir = workspace({ 'plan.mplan': PAST, 'mplan.json': '{ "asOf": "2021-01-01" }' });
        client = await LspClient.start({ workspace: dir, initializationOptions: { asOf: '2020-03-01' } });
        const early = await client.open(uri(join(dir, 'plan.mplan')), PAST);
        expect(early.map(d => d.code)).not.toContain('missing-results');
        await client.stop();
        client = await LspClient.start({ workspace: dir });
        const late = await client.open(uri(join(dir, 'plan.mplan')), PAST);
        expect(late.map(d => d.code)).toContain('missing-results');
    });

    it('a configFile that cannot be read: defaults and one message to the user, the server keeps working', async () => {
        const dir = workspace({ 'plan.mplan': PAST });
        client = await LspClient.start({ workspace: dir, initializationOptions: { configFile: 'nowhere.json', asOf: 'not a date' } });
        const diagnostics = await client.open(uri(join(dir, 'plan.mplan')), PAST);
        expect(diagnostics.map(d => d.code)).toContain('missing-results');
        expect(client.messages).toEqual([expect.stringMatching(/cannot read the settings file .*nowhere\.json \(mplan\.configFile\); using the default settings\./)]);
    });
});

describe('mplan/rules and mplan/explainRule', () => {
    it('list the registry and explain a rule as `mplan explain` does', async () => {
        client = await LspClient.start();
        const rules = await client.connection.sendRequest<Array<{ id: string; severity: string; area: string; description: string }>>('mplan/rules');
        expect(rules).toEqual(RULES.map(({ id, severity, area, description }) => ({ id, severity, area, description })));
        const page = await client.connection.sendRequest<string | null>('mplan/explainRule', { id: 'missing-guarantee' });
        expect(page).toMatch(/^# missing-guarantee\n/);
        expect(page).toContain('## Why');
        expect(await client.connection.sendRequest('mplan/explainRule', { id: 'no-such-rule' })).toBeNull();
        expect(await client.connection.sendRequest('mplan/explainRule', {})).toBeNull();
    });
});
