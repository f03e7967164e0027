// Market: who buys (RULES.md "Market — who buys"), in catalogue order.
import type { Rule } from './rule.js';
import { noTargetMarket } from './no-target-market.js';
import { segmentIncomplete } from './segment-incomplete.js';
import { segmentWithoutHabits } from './segment-without-habits.js';
import { channelHabitMismatch } from './channel-habit-mismatch.js';
import { indirectWithoutDecider } from './indirect-without-decider.js';
import { offlineSegmentOnlineSale } from './offline-segment-online-sale.js';
import { untargetedSegment } from './untargeted-segment.js';

export const MARKET_RULES: readonly Rule[] = [
    noTargetMarket,
    segmentIncomplete,
    segmentWithoutHabits,
    channelHabitMismatch,
    indirectWithoutDecider,
    offlineSegmentOnlineSale,
    untargetedSegment
];
