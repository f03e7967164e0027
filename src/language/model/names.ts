/**
 * Nearest names: which declared names a mistyped one probably meant, for
 * unresolved references and for unknown keys of mplan.json alike.
 */

/** Edit distance between two names, ignoring case; small and bounded inputs only. */
export function editDistance(a: string, b: string): number {
    const x = a.toLowerCase(), y = b.toLowerCase();
    let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
    for (let i = 1; i <= x.length; i++) {
        const current = [i];
        for (let j = 1; j <= y.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[y.length];
}

/** The visible names closest to `name`, best first: at most three, and only plausible ones. */
export function nearestNames(name: string, candidates: Iterable<string>): string[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const scored: Array<[string, number]> = [];
    for (const candidate of new Set(candidates)) {
        if (Math.abs(candidate.length - name.length) > limit) continue;
        const distance = editDistance(name, candidate);
        if (distance <= limit) scored.push([candidate, distance]);
    }
    return scored.sort((p, q) => p[1] - q[1] || p[0].localeCompare(q[0])).slice(0, 3).map(([candidate]) => candidate);
}
