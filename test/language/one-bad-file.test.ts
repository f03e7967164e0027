/**
 * One bad file never stops the others (docs/robustness.md): a file whose parse
 * throws, whatever the cause, gets one `syntax-error` finding on itself at its
 * start that says so, and the other files of the same build are judged as
 * usual. The parse is made to throw here by a value converter that fails on
 * one number, standing in for a bug in mplan or Langium.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { check, CLEAN_PLAN, judgeBy, services, TEST_SETTINGS } from '../helpers.js';

const converter = services.Mplan.parser.ValueConverter;
const convert = converter.convert.bind(converter);
afterEach(() => { converter.convert = convert; });

describe('a file whose parse throws', () => {
    it('gets one syntax-error finding at its start, and the other files are judged', async () => {
        judgeBy(TEST_SETTINGS);
        converter.convert = ((input, cstNode) => {
            if (input === '13_131') throw new Error('the converter broke');
            return convert(input, cstNode);
        }) as typeof converter.convert;
        const broken = 'product Cake {\n    price 13_131 EUR\n    benefit "A cake for every party"\n}\n';
        const other = 'product Bread {\n    price 3 EUR\n}\n';
        const checked = await check({ 'broken.mplan': broken, 'bread.mplan': other, 'plan.mplan': CLEAN_PLAN });

        const found = checked.findings('broken.mplan');
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ rule: 'syntax-error', line: 1, column: 1 });
        expect(found[0].message).toContain('mplan could not read the structure of this file (the converter broke), so nothing in it is judged');

        // The other files: a library's own findings, and the clean plan stays clean.
        expect(checked.findings('bread.mplan').map(f => f.rule)).toContain('product-without-benefits');
        expect(checked.findings('plan.mplan')).toEqual([]);
    });
});
