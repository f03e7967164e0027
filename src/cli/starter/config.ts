/**
 * The settings file `mplan init` writes: strict JSON (no comments), with
 * `$schema` so that editors validate and complete it (its reference:
 * `schemaReference` in route.ts), and an empty `rules` object where rule
 * levels go (`"no-free-offer": "off"`).
 */

/** The text of the starter `mplan.json` with the given `$schema` reference. */
export function starterConfig(schema: string): string {
    return JSON.stringify({ $schema: schema, rules: {} }, null, 2) + '\n';
}
