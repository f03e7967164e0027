import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, ShareLinkError, SHARE_PREFIX } from '../../src/web/share.js';

// The playground's share links (src/web/share.ts), with the CompressionStream Node has as browsers do.
// test/web/run.mjs opens one in Chromium; here: what any link, damaged or foreign, comes to.

const PLAN = { files: [{ name: 'plan.mplan', text: 'plan Shop {\n    goal "Sell more"\n}\nimport "shared/a.mplan"\n' }, { name: 'shared/a.mplan', text: '// ünïcode ✓\n' }], active: 'shared/a.mplan' };

describe('share links', () => {
    it('carry the files and the open one, and are short for a plan', async () => {
        const hash = await encodeShare(PLAN);
        expect(hash.startsWith(SHARE_PREFIX)).toBe(true);
        expect(hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
        expect(await decodeShare(hash)).toEqual(PLAN);
    });

    it('say in words why a damaged or foreign link cannot be opened', async () => {
        const good = await encodeShare(PLAN);
        const cases: Array<[string, RegExp]> = [
            ['#v2.abc', /not a link of this playground/],
            ['#v1.', /damaged|cut short|no files/],
            ['#v1.%%%', /characters a share link never has/],
            [good.slice(0, good.length - 8), /cut short or damaged/],
            [`${SHARE_PREFIX}${Buffer.from('not compressed').toString('base64url')}`, /cut short or damaged/]
        ];
        for (const [hash, message] of cases) {
            await expect(decodeShare(hash), hash).rejects.toThrow(message);
        }
        const other = await encodeShare({ files: [{ name: '../etc/x.mplan', text: '' }], active: '' });
        await expect(decodeShare(other)).rejects.toThrow(/not a relative file name/);
    });

    it('never fail but with a ShareLinkError, whatever the fragment', async () => {
        await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async tail => {
            try {
                await decodeShare(SHARE_PREFIX + tail);
            } catch (error) {
                expect(error).toBeInstanceOf(ShareLinkError);
            }
        }), { numRuns: 300 });
    });
});

describe('a share link that inflates past 5 MB', () => {
    it('is refused while it is read, not after', async () => {
        const { deflateRawSync } = await import('node:zlib');
        const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
        await expect(decodeShare(SHARE_PREFIX + bomb.toString('base64url'))).rejects.toThrow(/more than 5 MB/);
    });
});
