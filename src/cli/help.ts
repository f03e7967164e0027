declare const MPLAN_VERSION: string;

/** `mplan --version`: the package version, set at build time. */
export const MPLAN_VERSION_TEXT = `${MPLAN_VERSION}\n`;

export const HELP = `mplan: marketing plans as code

Usage:
  mplan check [paths...] [options]                 check plan files and folders (default: .)
      --format stylish|json   output format (default: stylish)
      --config FILE           settings file (default: mplan.json in this folder, if any)
      --as-of YYYY-MM-DD      the day date-dependent rules judge by (default: today)
      --fix                   apply the fixes that are unambiguous, then report what is left
  mplan rules [--format stylish|json]              list the rules
  mplan explain RULE                               explain a rule
  mplan schema                                     print the JSON Schema of mplan.json
  mplan lsp --stdio                                start the language server
  mplan --version | --help

Exit codes: 0 no errors, 1 a rule found an error, 2 a usage or file error.
`;
