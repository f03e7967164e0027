import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

describe('workspace files the server cannot use', () => {
    it('are left out with a line in the log, and the rest of the workspace is judged', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-lsp-'));
        writeFileSync(join(dir, 'plan.mplan'), 'tactic Loose { channel seo }\n');
        // Over the 5 MB a plan file may have, binary, and a named pipe as the settings file.
        writeFileSync(join(dir, 'big.mplan'), '// padding\n'.repeat(600_000));
        writeFileSync(join(dir, 'image.mplan'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
        execFileSync('mkfifo', [join(dir, 'mplan.json')]);
        client = await LspClient.start({ workspace: dir });
        const plan = uri(join(dir, 'plan.mplan'));
        const diagnostics = client.diagnostics.get(plan) ?? await client.nextDiagnostics(plan);
        expect(diagnostics.map(d => d.code)).toEqual(['tactic-without-strategy']);
        expect(client.diagnostics.has(uri(join(dir, 'big.mplan')))).toBe(false);
        expect(client.logs).toEqual(expect.arrayContaining([
            expect.stringMatching(/left out .*big\.mplan: too big for a plan file: 6\.3 MB, over the limit of 5\.0 MB/),
            expect.stringMatching(/left out .*image\.mplan: a binary file, not plan text/)
        ]));
    });
});
