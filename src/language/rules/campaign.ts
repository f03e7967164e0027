// Campaign: budget, staff, schedule (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { campaignWithoutBudget } from './campaign-without-budget.js';
import { campaignWithoutStaff } from './campaign-without-staff.js';
import { campaignWithoutSchedule } from './campaign-without-schedule.js';
import { budgetOverrun } from './budget-overrun.js';
import { tacticOutsideSchedule } from './tactic-outside-schedule.js';
import { staffOverbooked } from './staff-overbooked.js';
import { singleDepartment } from './single-department.js';
import { noTracking } from './no-tracking.js';
import { noReview } from './no-review.js';
import { missingResults } from './missing-results.js';
import { noContingency } from './no-contingency.js';

export const CAMPAIGN_RULES: readonly Rule[] = [
    campaignWithoutBudget, campaignWithoutStaff, campaignWithoutSchedule, budgetOverrun, tacticOutsideSchedule,
    staffOverbooked, singleDepartment, noTracking, noReview, missingResults, noContingency
];
