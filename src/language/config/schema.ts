import { DEFAULT_THRESHOLDS, EVERY_RULE, LEVELS, PACK_STATES, RANGE_ENDS, THRESHOLD_DOCS, type Thresholds } from './settings.js';
import { CONFIG_FILE_NAME } from './config-file.js';

/**
 * The JSON Schema of the project file, from the rule registry and the
 * thresholds, so editors validate and complete it. schemas/mplan.schema.json
 * is written from this (npm run generate); a test keeps them equal.
 */
export function configSchema(rules: ReadonlyArray<{ id: string; severity: string; description: string }>): object {
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'https://mplan.dev/schemas/mplan.schema.json',
        title: `mplan project settings (${CONFIG_FILE_NAME})`,
        description: 'Rule levels, thresholds and the "as of" date that mplan check and the mplan language server judge plans by.',
        type: 'object',
        additionalProperties: false,
        properties: {
            $schema: { type: 'string' },
            rules: {
                description: `The level of each rule whose default you want to change; "${EVERY_RULE}" sets the level of every rule not named.`,
                type: 'object',
                additionalProperties: false,
                properties: {
                    [EVERY_RULE]: {
                        description: 'The level of every rule this object does not name (for example "off", to run only the rules named).',
                        enum: [...LEVELS]
                    },
                    ...Object.fromEntries(rules.map(rule => [rule.id, {
                        description: `${rule.description} (default: ${rule.severity})`,
                        enum: [...LEVELS]
                    }]))
                }
            },
            thresholds: {
                description: 'The limits that configurable rules judge by.',
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(Object.entries(THRESHOLD_DOCS).map(([name, doc]) => [name, {
                    description: `${doc.description} Read by ${doc.rule}.`,
                    type: doc.fractional ? 'number' : 'integer',
                    minimum: doc.minimum,
                    maximum: doc.maximum,
                    default: DEFAULT_THRESHOLDS[name as keyof Thresholds]
                }]))
            },
            asOf: {
                description: 'The day date-dependent rules (missing-results) judge by, so that CI results are reproducible; today when unset.',
                type: 'string',
                pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
            },
            ranges: {
                description: 'Which end of a range in the plan (2% to 4%) the money rules (funnel-unprofitable, ltv-below-cac, cac-payback-too-long, objective-unreachable) judge by: "pessimistic" reports what fails at the worse end, "optimistic" only what fails even at the better end.',
                enum: [...RANGE_ENDS],
                default: 'pessimistic'
            },
            packs: {
                description: 'The compliance rule packs, one per jurisdiction: "off" switches every compliance rule off for the markets of that jurisdiction (the rules still run for the other markets). Every pack is on unless named.',
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(['US', 'CA', 'EU', 'UK'].map(code => [code, { enum: [...PACK_STATES], default: 'on' }]))
            }
        }
    };
}
