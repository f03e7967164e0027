import { describe, expect, it } from 'vitest';
import { genericGreenClaims, neutralityClaims, offersIncentive, praiseAskedIn } from '../../../src/language/model/claims.js';

const words = (text: string) => genericGreenClaims(text).map(w => w.text);

describe('generic environmental claims', () => {
    it.each([
        ['Eco-friendly mugs for every kitchen', ['Eco-friendly']],
        ['Go green with hand-thrown mugs', ['green']],
        ['The green choice for your office', ['green choice']],
        ['A greener kitchen', ['greener']],
        ['Our eco range', ['eco']],
        ['Ecological and sustainable clay', ['Ecological', 'sustainable']],
        ["Nature's friend", ["Nature's friend"]],
        ['Gentle on the environment', ['Gentle on the environment']],
        ['Environmentally friendly packaging', ['Environmentally friendly']],
        ['Climate-friendly kilns', ['Climate-friendly']],
        ['Biodegradable packaging', ['Biodegradable']]
    ])('finds the generic wording in "%s"', (text, expected) => {
        expect(words(text)).toEqual(expected);
    });

    it.each(['Green glaze, hand-thrown', 'Green tea mug', 'Economy shipping', 'Secondary school teachers', 'Fired at 1,280 °C for strength'])(
        'finds none in "%s"', text => {
            expect(words(text)).toEqual([]);
        });

    it('tells climate-neutrality claims apart from generic ones', () => {
        expect(neutralityClaims('Climate-neutral delivery').map(w => w.text)).toEqual(['Climate-neutral']);
        expect(neutralityClaims('CO2 neutral shipping, net-zero by 2030').map(w => w.text)).toEqual(['CO2 neutral', 'net-zero']);
        expect(words('Climate-neutral delivery')).toEqual([]);
    });
});

describe('review requests conditional on praise', () => {
    it.each(['A free mug for every 5-star review', 'Leave a five star rating', 'Rate us 5 stars and win a kiln tour', 'We reward positive reviews'])(
        'finds praise asked in "%s"', text => {
            expect(praiseAskedIn(text)).toBeDefined();
        });

    it.each(['No 5-star rating needed', 'Honest reviews, good or bad', 'Tell us what you think', 'Rate us from 1 to 5 stars, whatever you think', 'Stars or not, we read every review'])(
        'finds none in "%s"', text => {
            expect(praiseAskedIn(text)).toBeUndefined();
        });

    it('tells an offer of something in return', () => {
        expect(offersIncentive('Leave a 5-star review for 10% off')).toBe(true);
        expect(offersIncentive('Love your mug? Rate us 5 stars')).toBe(false);
    });
});
