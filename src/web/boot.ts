/**
 * web/boot.js, the page's first script: starts the language server's worker while the page's own
 * script (app.js, CodeMirror and the report renderer) still loads, so that the two download and
 * start in parallel: the worker (Langium, the grammar, the rules) is the longer way to the first
 * findings. main.ts takes this worker for the first workspace it opens.
 */
(globalThis as { mplanBootWorker?: Worker }).mplanBootWorker = new Worker(new URL('worker.js', document.baseURI));
