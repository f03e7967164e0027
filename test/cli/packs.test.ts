import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mplan } from './run.js';

/** A shop texting its buyers in the US and in Canada, with no consent stated for the texts. */
const PLAN = `plan NorthernBrew "Northern Brew Coffee" {
    goal "Ship 3,000 bags of coffee a month across North America"
    currency USD
    rate 1 CAD = 0.73 USD as of 2027-01-01
}
market US "United States" { country US  language en  currency USD }
market CA "Canada" { country CA  languages en, fr  currency CAD }
product Beans "Single-origin beans" { price 18 USD  price 24 CAD in CA  benefit "Roasted the day it ships" }
flow RestockReminder "Restock reminder" {
    channel sms
    trigger "order delivered"
    step after 3 weeks "Running low on beans?"
    stop when purchased
    hours 10:00 to 19:00
}
`;

function workspace(settings?: object): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-packs-'));
    writeFileSync(join(dir, 'plan.mplan'), PLAN);
    if (settings) writeFileSync(join(dir, 'mplan.json'), JSON.stringify(settings));
    return dir;
}

async function smsFindings(dir: string): Promise<Array<{ message: string }>> {
    const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-03-01', '--format', 'json'], dir);
    return JSON.parse(run.stdout).files[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'sms-without-consent');
}

describe('compliance packs in mplan.json', () => {
    it('every pack is on by default: the texts are reported for both markets', async () => {
        const found = await smsFindings(workspace());
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain('market US');
        expect(found[0].message).toContain('market CA');
    });

    it('a pack switched off drops its jurisdiction only; both off drop the finding', async () => {
        const usOff = await smsFindings(workspace({ packs: { US: 'off' } }));
        expect(usOff).toHaveLength(1);
        expect(usOff[0].message).not.toContain('market US');
        expect(usOff[0].message).toContain('market CA');
        expect(await smsFindings(workspace({ packs: { US: 'off', CA: 'off' } }))).toEqual([]);
    });

    it('a mistyped pack is one line with the file, line and the pack meant, and exit 2', async () => {
        const dir = workspace();
        writeFileSync(join(dir, 'mplan.json'), '{\n  "packs": { "usa": "off" }\n}\n');
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-03-01'], dir);
        expect(run.code).toBe(2);
        expect(run.stderr.trim()).toBe("mplan: mplan.json:2:14: unknown rule pack 'usa': the packs are US, CA, EU, UK");
    });
});
