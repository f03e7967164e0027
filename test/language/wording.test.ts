import { describe, expect, it } from 'vitest';
import { days, formatNumber, listed, percentAsWritten, percentText, someNames, sourceAmount, timesPerWeek } from '../../src/language/wording.js';

describe('percentText, the one way a share prints (hover, inlay hints, report)', () => {
    const cases: Array<[string, number, string]> = [
        ['whole percentages', 0, '0%'],
        ['whole percentages', 0.3, '30%'],
        ['whole percentages', 0.65, '65%'],
        ['whole percentages', 1, '100%'],
        ['whole percentages', 1.45, '145%'],
        ['whole percentages', 1 / 3, '33%'],
        ['whole percentages', 0.125, '13%'],
        ['not nothing', 0.004, '0.4%'],
        ['not nothing', 0.000001, '0.1%'],
        ['not quite all', 0.999, '99.9%'],
        ['not quite all', 0.9996, '99.9%'],
        ['over', 1.002, '100.2%'],
        ['over', 1.0001, '100.1%'],
        ['grouped digits', 12.5, '1,250%'],
        ['grouped digits', 1234.567, '123,457%'],
        ['never "-0%"', -0.000001, '0%'],
        ['nothing for what is not a number', Number.NaN, ''],
        ['nothing for what is not a number', Number.POSITIVE_INFINITY, '']
    ];
    it.each(cases)('%s: %d is "%s"', (_why, ratio, text) => {
        expect(percentText(ratio)).toBe(text);
    });
});

describe('the other wording', () => {
    it('words a percentage the plan wrote, lists, numbers, counts and amounts', () => {
        expect(percentAsWritten(50)).toBe('50%');
        expect(percentAsWritten(33.333)).toBe('33.3%');
        expect(listed(['a'])).toBe('a');
        expect(listed(['a', 'b', 'c'], 'or')).toBe('a, b or c');
        expect(someNames(['a', 'b', 'c', 'd'])).toBe('a, b, c, …');
        expect(formatNumber(4000)).toBe('4,000');
        expect(formatNumber(0.125)).toBe('0.13');
        expect(timesPerWeek(1)).toBe('once a week');
        expect(timesPerWeek(2)).toBe('twice a week');
        expect(timesPerWeek(0.5)).toBe('0.5 times a week');
        expect(days(1)).toBe('1 day');
        expect(days(12)).toBe('12 days');
        expect(sourceAmount(4500)).toBe('4_500');
        expect(sourceAmount(1234.5)).toBe('1_234.50');
    });
});
