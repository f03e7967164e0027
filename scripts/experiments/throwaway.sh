#!/usr/bin/env bash
# How much of the test suite breaks when the language grows by one piece (issue 13's experiments).
#
#   scripts/experiments/throwaway.sh rule [--complete] [test paths…]
#       adds a rule that fires on every plan (a warning on the plan's name); with --complete also its
#       docs page and the generated files written again, as a careful contributor would.
#       Expected: only the registry (RULES.md's ids), the docs (without --complete), the generated
#       files (without --complete) and the cleanliness tests fail.
#   scripts/experiments/throwaway.sh fact [test paths…]
#       adds a fact to `campaign` in the grammar only ('reach' reach=NUMBER). Expected: tests that name
#       every place the fact must still reach (keyword docs, stanzas, fuzzer, report, examples, the
#       TextMate grammar through `npm run generate`).
#
# It works on a scratch worktree of this checkout (uncommitted changes included), builds there, runs
# the given tests (default: all) and lists every failing test with the first line of its message.
# The checkout itself is not touched. Takes about as long as `npm test`.
set -u
kind=${1:-}; shift || true
complete=0
if [ "${1:-}" = --complete ]; then complete=1; shift; fi
case "$kind" in rule|fact) ;; *) echo "usage: $0 rule [--complete] [test paths…] | fact [test paths…]" >&2; exit 2;; esac

src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
wt="$tmp/worktree"
cleanup() { git -C "$src" worktree remove --force "$wt" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
git -C "$src" worktree add --detach "$wt" HEAD >/dev/null || exit 2
(cd "$src" && git diff HEAD) | (cd "$wt" && git apply --allow-empty) || exit 2
(cd "$src" && git ls-files --others --exclude-standard -z | xargs -0 -r -I{} cp --parents {} "$wt/")
ln -s "$src/node_modules" "$wt/node_modules"
cd "$wt" || exit 2
. scripts/use-node.sh >/dev/null 2>&1

if [ "$kind" = rule ]; then
    cat > src/language/rules/throwaway-everywhere.ts <<'TS'
import type { Rule } from './rule.js';
export const throwawayEverywhere: Rule = {
    id: 'throwaway-everywhere', severity: 'warning', area: 'language', scope: 'plan',
    description: 'A throwaway rule that fires on every plan.',
    check(model, report) { if (model.plan) report({ node: model.plan, property: 'name', message: 'Throwaway finding.' }); }
};
TS
    node -e '
const fs = require("fs"), p = "src/language/rules/language.ts";
let t = fs.readFileSync(p, "utf8");
t = t.replace(/\];\s*$/, ", throwawayEverywhere\n];\n");
t = "import { throwawayEverywhere } from \"./throwaway-everywhere.js\";\n" + t;
fs.writeFileSync(p, t);'
    if [ "$complete" = 1 ]; then
        cat > docs/rules/throwaway-everywhere.md <<'MD'
# throwaway-everywhere

## Why

A throwaway rule for an experiment: it reports every plan, so that the tests it breaks can be counted.

## Incorrect

```mplan
plan CornerBakery {
    currency USD
}
```

## Correct

```mplan
segment OfficeManagers {
    who "Office managers"
}
```
MD
        npm run generate >"$tmp/generate.log" 2>&1 || { echo "generate failed:"; tail -n 5 "$tmp/generate.log"; exit 1; }
    fi
else
    node -e '
const fs = require("fs"), p = "src/language/mplan.langium";
const t = fs.readFileSync(p, "utf8"), old = "        | \x27review\x27 \x27on\x27 review=DATE\n";
if (!t.includes(old)) { console.error("the campaign rule of the grammar changed: update this script"); process.exit(2); }
fs.writeFileSync(p, t.replace(old, old + "        | \x27reach\x27 reach=NUMBER\n"));' || exit 2
fi

npm run build >"$tmp/build.log" 2>&1 || { echo "build failed:"; tail -n 5 "$tmp/build.log"; exit 1; }
npx vitest run --reporter=json --outputFile="$tmp/results.json" "$@" >"$tmp/test.log" 2>&1
RESULTS="$tmp/results.json" node -e '
const r = require(process.env.RESULTS);
const failed = r.testResults.filter(f => f.status !== "passed");
for (const f of failed) for (const a of f.assertionResults.filter(a => a.status === "failed")) {
    const message = (a.failureMessages[0] ?? "").split("\n").filter(line => line.trim()).slice(0, 2).join(" ");
    console.log(`${f.name.replace(/.*?\/test\//, "test/")} :: ${a.title}\n    ${message.slice(0, 300)}`);
}
console.log(`failed: ${r.numFailedTests} tests in ${failed.length} files (of ${r.numTotalTests} tests in ${r.testResults.length} files)`);'
