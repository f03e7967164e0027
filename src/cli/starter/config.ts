/**
 * The settings file `mplan init` writes: strict JSON (no comments), with
 * `$schema` so that editors validate and complete it, and an empty `rules`
 * object where rule levels go (`"no-free-offer": "off"`).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Where the schema lies in an installed package, as docs/configuration.md references it. */
const SCHEMA_IN_PACKAGE = ['node_modules', 'mplan', 'schemas', 'mplan.schema.json'];

/**
 * The `$schema` reference for a settings file in `directory`: the path, relative
 * to it, of the schema of the nearest installed mplan package (looking up from
 * the folder, as Node resolves packages), or `./node_modules/mplan/…` when none
 * is installed yet (where a local install will put it).
 */
export function schemaReference(directory: string, exists: (file: string) => boolean = existsSync): string {
    for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
        const candidate = path.join(folder, ...SCHEMA_IN_PACKAGE);
        if (exists(candidate)) {
            const relative = path.relative(directory, candidate).split(path.sep).join('/');
            return relative.startsWith('../') ? relative : `./${relative}`;
        }
        if (path.dirname(folder) === folder) break;
    }
    return `./${SCHEMA_IN_PACKAGE.join('/')}`;
}

/** The text of the starter `mplan.json` with the given `$schema` reference. */
export function starterConfig(schema: string): string {
    return JSON.stringify({ $schema: schema, rules: {} }, null, 2) + '\n';
}
