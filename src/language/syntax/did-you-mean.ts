/**
 * "Did you mean": the allowed words nearest to a misspelled one, for syntax
 * errors (a keyword or a word of a closed list where the parser expected one).
 */

/**
 * The Damerau-Levenshtein distance (optimal string alignment) between two
 * words, ignoring case: insertions, deletions, substitutions and swaps of two
 * neighbouring letters (`emial` → `email` is one edit). Short inputs only.
 */
export function typoDistance(a: string, b: string): number {
    const x = a.toLowerCase(), y = b.toLowerCase();
    const rows: number[][] = [];
    for (let i = 0; i <= x.length; i++) {
        rows.push([i]);
        for (let j = 1; j <= y.length; j++) {
            if (i === 0) {
                rows[0][j] = j;
                continue;
            }
            let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
            rows[i][j] = best;
        }
    }
    return rows[x.length][y.length];
}

/** How many edits a word of this length may be off and still be taken for a typo: none up to 2 letters, 1 up to 5, else 2. */
export function typoLimit(word: string): number {
    return word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
}

/**
 * The allowed words a written word is a typo of: those nearest to it within
 * the limit, at most two, best first. A word that is allowed as written, or
 * one that is not a plain word, gets none.
 */
export function didYouMean(written: string, allowed: Iterable<string>): string[] {
    if (!/^[A-Za-z][A-Za-z_-]*$/.test(written) || written.length > 40) return [];
    const limit = typoLimit(written);
    const scored: Array<[string, number]> = [];
    for (const word of new Set(allowed)) {
        if (word === written) return [];
        if (Math.abs(word.length - written.length) > limit) continue;
        const distance = typoDistance(written, word);
        if (distance <= limit) scored.push([word, distance]);
    }
    if (scored.length === 0) return [];
    const best = Math.min(...scored.map(([, distance]) => distance));
    return scored.filter(([, distance]) => distance === best).map(([word]) => word).slice(0, 2);
}
