import { dayNumber } from '../model/values.js';
import type { Rule } from './rule.js';

/** The oldest age a segment can sensibly name. */
const MAX_AGE = 120;

export const invalidRange: Rule = {
    id: 'invalid-range',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: 'A period, age, income or audience-size range whose end is before its start.',
    check(model, report) {
        for (const block of [...model.own.tactics, ...model.own.campaigns]) {
            const period = block.period;
            if (!period?.start || !period.end) continue;
            const start = dayNumber(period.start), end = dayNumber(period.end);
            if (start !== undefined && end !== undefined && end < start) {
                report({ node: period, property: 'end', message: `The ${block.$type.toLowerCase()} '${block.name}' ends on ${period.end}, before it starts on ${period.start}.` });
            }
        }
        for (const segment of model.own.segments) {
            const age = segment.age;
            if (age && age.min > age.max) {
                report({ node: age, message: `The age range ${age.min} to ${age.max} of segment '${segment.name}' ends before it starts: write it as ${age.max} to ${age.min}.` });
            } else if (age && age.max > MAX_AGE) {
                report({ node: age, property: 'max', message: `An age of ${age.max} is not a plausible age for segment '${segment.name}'.` });
            }
            const income = segment.income;
            if (income && income.min > income.max) {
                report({ node: income, message: `The income range ${income.min} to ${income.max} of segment '${segment.name}' ends before it starts: write it as ${income.max} to ${income.min}.` });
            }
        }
        for (const audience of model.own.audiences) {
            const { size, sizeHigh } = audience;
            if (typeof size === 'number' && typeof sizeHigh === 'number' && size > sizeHigh) {
                report({ node: audience, property: 'sizeHigh', message: `The size ${size} to ${sizeHigh} of audience '${audience.name}' ends before it starts: write it as ${sizeHigh} to ${size}.` });
            }
        }
    }
};
