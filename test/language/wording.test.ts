import { describe, expect, it } from 'vitest';
import { days, formatNumber, listed, percentAsWritten, percentText, someNames, sourceAmount, timesPerWeek } from '../../src/language/wording.js';

describe('percentText, the one way a share prints', () => {
    it('shows whole percentages', () => {
        expect(percentText(0)).toBe('0%');
        expect(percentText(0.3)).toBe('30%');
        expect(percentText(1)).toBe('100%');
        expect(percentText(1 / 3)).toBe('33%');
        expect(percentText(0.125)).toBe('13%');
    });

    it('keeps a tenth where rounding would hide what matters', () => {
        expect(percentText(0.004)).toBe('0.4%');
        expect(percentText(0.000001)).toBe('0.1%');
        expect(percentText(0.999)).toBe('99.9%');
        expect(percentText(0.9996)).toBe('99.9%');
        expect(percentText(1.002)).toBe('100.2%');
        expect(percentText(1.0001)).toBe('100.1%');
    });

    it('groups the digits of large shares', () => {
        expect(percentText(12.5)).toBe('1,250%');
        expect(percentText(1234.567)).toBe('123,457%');
    });

    it('never prints "-0%", and prints nothing for what is not a number', () => {
        expect(percentText(-0.000001)).toBe('0%');
        expect(percentText(Number.NaN)).toBe('');
        expect(percentText(Number.POSITIVE_INFINITY)).toBe('');
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
