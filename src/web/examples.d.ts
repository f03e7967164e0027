/** The examples of examples/, by their path there, bundled by scripts/build-web.mjs. */
declare module 'mplan:examples' {
    export const EXAMPLES: Record<string, string>;
}
