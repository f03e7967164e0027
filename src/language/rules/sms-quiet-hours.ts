import type { Flow, Tactic } from '../generated/ast.js';
import { minutesOf } from '../model/habits.js';
import { clockText, daysOf, windowInZone, zonesOf, type MinuteWindow } from '../model/markets.js';
import { isoDay } from '../model/periods.js';
import { applying, blockLabel, complianceData, messagingBlocks, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const ID = 'sms-quiet-hours';
/** 47 CFR 64.1200(c)(1): no calls (texts included) before 8 a.m. or after 9 p.m., the called party's local time. */
const EARLIEST = 8 * 60;
const LATEST = 21 * 60;
const INSTEAD = "Send between 8:00 and 21:00 in each recipient's own time, such as 'hours weekdays 9:00 to 20:00' (no 'in': the hours are then the recipient's).";

function outside(window: MinuteWindow): boolean {
    return window.start < EARLIEST || window.end > LATEST;
}

function span(window: MinuteWindow): string {
    return `${clockText(window.start)} to ${clockText(window.end)}`;
}

export const smsQuietHours: Rule = {
    id: ID,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'Marketing texts to the US that may arrive before 8:00 or after 21:00 in the recipient\'s time.',
    check(model, report) {
        for (const block of messagingBlocks(model, ['sms'])) {
            const applies = applying(model, ID, block);
            if (applies.length === 0) continue;
            const label = blockLabel(model, block, true);
            const data = complianceData(applies);
            const hours = block.hours;
            if (!hours) {
                report({
                    node: block as Tactic | Flow,
                    property: 'channel',
                    message: `${label} sends texts and says nothing of the hours: sent at any hour, they reach people at night, and for ${underLaw(applies)} no marketing text may arrive before 8:00 or after 21:00 in the recipient's time. ${INSTEAD}`,
                    data
                });
                continue;
            }
            const start = minutesOf(hours.start), end = minutesOf(hours.end);
            if (start === undefined || end === undefined) continue;
            const window = { start, end: end > start ? end : end + 1440 };
            if (!hours.zone) {
                if (!outside(window)) continue;
                report({
                    node: hours,
                    message: `${label} sends texts from ${span(window)} in the recipient's time: for ${underLaw(applies)} no marketing text may arrive before 8:00 or after 21:00 there. ${INSTEAD}`,
                    data
                });
                continue;
            }
            const day = daysOf(block, model.marketLookup, model.asOf).start;
            const late: Array<{ zone: string; local: MinuteWindow }> = [];
            const zones = [...new Set(applies.flatMap(one => one.markets.flatMap(zonesOf)))];
            for (const zone of zones) {
                const local = windowInZone(window, hours.zone, zone, day);
                if (local && outside(local)) late.push({ zone, local });
            }
            if (late.length === 0) continue;
            report({
                node: hours,
                message: `${label} sends texts from ${span(window)} in ${hours.zone}, which on ${isoDay(day)} is ${late.map(one => `${span(one.local)} in ${one.zone}`).join(', ')}: for ${underLaw(applies)} no marketing text may arrive before 8:00 or after 21:00 in the recipient's time. Keep the window inside 8:00 to 21:00 in every zone the market covers, or drop 'in' to send by each recipient's own time.`,
                data: { ...data, zones: late.map(one => one.zone) }
            });
        }
    }
};
