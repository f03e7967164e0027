// Strategy and tactics (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { tacticWithoutStrategy } from './tactic-without-strategy.js';
import { strategyWithoutTactics } from './strategy-without-tactics.js';
import { strategyWithoutTarget } from './strategy-without-target.js';
import { strategyWithoutStatement } from './strategy-without-statement.js';
import { planWithoutGoal } from './plan-without-goal.js';
import { objectiveNotMeasurable } from './objective-not-measurable.js';
import { unharmonizedChannels } from './unharmonized-channels.js';

export const STRATEGY_RULES: readonly Rule[] = [
    tacticWithoutStrategy,
    strategyWithoutTactics,
    strategyWithoutTarget,
    strategyWithoutStatement,
    planWithoutGoal,
    objectiveNotMeasurable,
    unharmonizedChannels
];
