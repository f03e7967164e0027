declare const MPLAN_VERSION: string;

/** `mplan --version`: the package version, set at build time. */
export const MPLAN_VERSION_TEXT = `${MPLAN_VERSION}\n`;

export const HELP = `mplan: marketing plans as code

Usage:
  mplan check [paths...] [options]   check plan files, folders and globs (default: .)
      --format FORMAT          stylish (default), json, sarif, junit, github or markdown
      --output FILE            write the findings to FILE instead of standard output
      --quiet                  report errors only
      --max-warnings N         fail (exit 1) when there are more than N warnings
      --severity-threshold L   the lowest severity that fails the run: error (default), warning, info
      --baseline FILE          report only the findings FILE does not record
      --write-baseline FILE    record the current findings in FILE
      --ignore-path FILE       the ignore file (default: .mplanignore in this folder, if any)
      --no-ignore              check the files an ignore file names too
      --config FILE            settings file (default: mplan.json in this folder, if any)
      --as-of YYYY-MM-DD       the day date-dependent rules judge by (default: today)
      --fix                    apply the safe fixes that are unambiguous, then report what is left
      --fix-dry-run            list what --fix would apply and the suggestions it leaves; write nothing
      --jobs N                 check at most N independent groups of plans in parallel
      --color, --no-color      colours on or off (default: on a terminal, off with NO_COLOR)
  mplan report PLAN --out FILE.html|FILE.md [--config FILE] [--as-of YYYY-MM-DD]
                                     a self-contained report of a plan
  mplan init [DIR] [--force]         a commented starter plan and mplan.json (default: .)
  mplan format [--check] [paths...]  format plan files in place; --check lists the files
                                     that would change and changes nothing
  mplan rules [--format stylish|json]              list the rules
  mplan explain RULE                               explain a rule
  mplan schema                                     print the JSON Schema of mplan.json
  mplan lsp --stdio                                start the language server
  mplan --version | --help

Exit codes: 0 no errors, 1 a rule found an error (or too many warnings, or format --check
found files to format), 2 a usage or file error.
`;
