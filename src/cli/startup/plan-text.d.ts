/** Plan files imported as text (esbuild's text loader, see scripts/build.mjs): the snapshot's warm-up plans. */
declare module '*.mplan' {
    const text: string;
    export default text;
}
