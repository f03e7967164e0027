/**
 * The names of `mplan check --format`'s formats, alone in a module so that
 * the command table (args.ts, bundled into the small entry that answers
 * --help) names them without loading the formats.
 */
export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];
