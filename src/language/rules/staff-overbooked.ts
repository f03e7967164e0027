import type { Campaign, Staff } from '../generated/ast.js';
import type { DayRange } from '../model/values.js';
import type { Rule } from './rule.js';
import { isoDay, periodOf } from '../model/periods.js';
import { listed, percentAsWritten } from '../wording.js';

/** Allowing for shares such as 33.3% + 33.3% + 33.4%. */
const FULL_TIME = 100 + 1e-9;
/** The most other campaigns a message names. */
const NAMED = 3;
/** The most other campaigns listed as related places and in the data. */
const LISTED = 10;

/** One person's share of one campaign (a person listed twice in a campaign counts twice). */
interface Booking {
    campaign: Campaign;
    staff: Staff[];
    load: number;
    range?: DayRange;
    /** Its place in the plan's source order. */
    order: number;
}

/**
 * One person's load over time: the days where it changes, the load from each
 * of them, and a sparse table for the busiest day in any span, so that each
 * question costs a binary search.
 */
class Timeline {
    private readonly points: number[];
    private readonly table: number[][];
    private readonly loads: number[];
    /** The bookings by start day, and their end days in order. */
    private readonly byStart: Booking[];
    private readonly ends: number[];

    constructor(bookings: readonly Booking[]) {
        this.byStart = [...bookings].sort((a, b) => a.range!.start - b.range!.start);
        this.ends = bookings.map(b => b.range!.end).sort((a, b) => a - b);
        const deltas = new Map<number, number>();
        for (const b of bookings) {
            deltas.set(b.range!.start, (deltas.get(b.range!.start) ?? 0) + b.load);
            deltas.set(b.range!.end + 1, (deltas.get(b.range!.end + 1) ?? 0) - b.load);
        }
        this.points = [...deltas.keys()].sort((a, b) => a - b);
        let load = 0;
        this.loads = this.points.map(p => (load += deltas.get(p)!));
        // table[j][i]: the index of the busiest point among points[i .. i + 2^j - 1] (the earliest on a tie).
        this.table = [this.loads.map((_, i) => i)];
        for (let j = 1; 1 << j <= this.loads.length; j++) {
            const previous = this.table[j - 1], half = 1 << (j - 1), row: number[] = [];
            for (let i = 0; i + (1 << j) <= this.loads.length; i++) row.push(this.busier(previous[i], previous[i + half]));
            this.table.push(row);
        }
    }

    private busier(a: number, b: number): number {
        return this.loads[b] > this.loads[a] ? b : a;
    }

    /** The index of the last point at or before `day`. */
    private indexAt(day: number): number {
        let low = 0, high = this.points.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.points[mid] <= day) low = mid; else high = mid - 1;
        }
        return low;
    }

    /** How many bookings run on `day`: those started by then, less those ended before it. */
    countOn(day: number): number {
        return countAtMost(this.byStart, b => b.range!.start, day) - countAtMost(this.ends, end => end, day - 1);
    }

    /**
     * Up to `limit` bookings other than `except` that run on `day`, in source
     * order; the latest starts are looked at first, so the search stops early.
     */
    runningOn(day: number, except: Booking, limit: number): Booking[] {
        const found: Booking[] = [];
        for (let i = countAtMost(this.byStart, b => b.range!.start, day) - 1; i >= 0 && found.length < limit; i--) {
            const booking = this.byStart[i];
            if (booking !== except && booking.range!.end >= day) found.push(booking);
        }
        return found.sort((a, b) => a.order - b.order);
    }

    /** The busiest day within a span (the first such day) and the load on it. */
    peak(range: DayRange): { day: number; load: number } {
        const from = this.indexAt(range.start), to = this.indexAt(range.end);
        const j = Math.floor(Math.log2(to - from + 1));
        const best = this.busier(this.table[j][from], this.table[j][to - (1 << j) + 1]);
        return { day: Math.max(this.points[best], range.start), load: this.loads[best] };
    }
}

/** How many items of a list sorted by `key` have a key of at most `value`. */
function countAtMost<T>(items: readonly T[], key: (item: T) => number, value: number): number {
    let low = 0, high = items.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (key(items[mid]) <= value) low = mid + 1; else high = mid;
    }
    return low;
}

export const staffOverbooked: Rule = {
    id: 'staff-overbooked',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    basis: 'beyond (001 staffing needs)',
    description: 'The same person or team booked over 100% across campaigns that run at the same time.',
    check(model, report) {
        const own = new Set(model.own.campaigns);
        const people = new Set<string>();
        for (const campaign of own) for (const staff of campaign.staff) if (staff.person) people.add(staff.person.trim().replace(/\s+/g, ' ').toLowerCase());
        if (people.size === 0) return;
        // Every booking of the people of this file's campaigns, in every plan the file takes part in.
        const byPerson = new Map<string, Booking[]>();
        let order = 0;
        for (const campaign of new Set([...model.reach.campaigns, ...own])) {
            const range = periodOf(campaign);
            const local = new Map<string, Booking>();
            for (const staff of campaign.staff) {
                const key = staff.person?.trim().replace(/\s+/g, ' ').toLowerCase();
                if (!key || !people.has(key)) continue;
                let booking = local.get(key);
                if (!booking) {
                    booking = { campaign, staff: [], load: 0, range, order: order++ };
                    local.set(key, booking);
                    const list = byPerson.get(key);
                    if (list) list.push(booking); else byPerson.set(key, [booking]);
                }
                booking.staff.push(staff);
                booking.load += staff.allocation ?? 100;
            }
        }
        for (const bookings of byPerson.values()) {
            const dated = bookings.filter(b => b.range);
            const timeline = dated.length > 0 ? new Timeline(dated) : undefined;
            for (const booking of bookings) {
                if (!own.has(booking.campaign)) continue;
                const staff = booking.staff[0];
                const name = booking.campaign.name;
                const peak = booking.range && timeline ? timeline.peak(booking.range) : { day: undefined, load: booking.load };
                if (peak.load <= FULL_TIME) continue;
                const day = peak.day;
                const count = day === undefined ? 0 : timeline!.countOn(day) - 1;
                if (count === 0) {
                    report({
                        node: staff,
                        message: `${staff.person} is booked at ${percentAsWritten(booking.load)} in campaign '${name}' alone: nobody can give more than 100%. Lower the share or add people.`,
                        data: { person: staff.person, load: booking.load, campaigns: [] },
                        related: booking.staff.slice(1).map(s => ({ node: s, message: `${staff.person} listed again` }))
                    });
                    continue;
                }
                const others = timeline!.runningOn(day!, booking, LISTED);
                const shares = others.slice(0, NAMED).map(o => `${percentAsWritten(o.load)} in '${o.campaign.name}' (${model.where(o.campaign)})`);
                if (count > NAMED) shares.push(`${count - NAMED} more`);
                report({
                    node: staff,
                    message: `${staff.person} is booked at ${percentAsWritten(peak.load)} from ${isoDay(day!)} across campaigns that run at the same time: ${listed([`${percentAsWritten(booking.load)} in '${name}' (this campaign)`, ...shares])}. Nobody can give more than 100%: lower the shares or move a campaign.`,
                    data: { person: staff.person, load: peak.load, day: isoDay(day!), overlapping: count, campaigns: others.map(o => o.campaign.name) },
                    related: others.map(o => ({ node: o.staff[0], message: `${o.staff[0].person} at ${percentAsWritten(o.load)} in campaign '${o.campaign.name}'` }))
                });
            }
        }
    }
};
