/**
 * The small plan the strategy rule tests start from: a strategy that targets a
 * segment and is served by one online tactic. Tests point at its lines.
 */
export const STRATEGY_PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
segment Managers {
    who "Office managers"
}
strategy Office {
    statement "Own office catering"
    targets Managers
}
tactic Ads {
    serves Office
    channel ppc on linkedin
}
`;
