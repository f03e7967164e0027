// Channels and flows (RULES.md, added with "Real plans, part 2"), in catalogue order.
import type { Rule } from './rule.js';
import { flowWithoutStop } from './flow-without-stop.js';
import { singleChannelDependence } from './single-channel-dependence.js';
import { contentWithoutCadence } from './content-without-cadence.js';
import { retargetingWithoutFrequencyCap } from './retargeting-without-frequency-cap.js';

export const CHANNEL_RULES: readonly Rule[] = [
    flowWithoutStop,
    singleChannelDependence,
    contentWithoutCadence,
    retargetingWithoutFrequencyCap
];
