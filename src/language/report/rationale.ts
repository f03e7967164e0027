/**
 * Why a rule matters, as its docs page (docs/rules/<id>.md) says under
 * "## Why". The pages are where the rationale is written, once; the report
 * quotes the first paragraph. They are read through Langium's file system
 * (the core does no I/O of its own) from where the host put them
 * (`RuleDocs`: the CLI and the server point it at the pages shipped beside
 * their bundle); without pages at hand the report links to the docs only.
 */
import { URI } from 'langium';
import type { MplanServices } from '../mplan-module.js';

/** Pages read so far, by URI: the pages do not change while a process runs. */
const pages = new Map<string, Promise<string | undefined>>();

/** The first paragraph of the "## Why" section of a docs page, on one line; undefined when it has none. */
export function whyOf(page: string): string | undefined {
    const lines = page.split(/\r?\n/);
    const start = lines.findIndex(line => /^##\s+Why\s*$/.test(line));
    if (start < 0) return undefined;
    const paragraph: string[] = [];
    for (const line of lines.slice(start + 1)) {
        if (/^#/.test(line)) break;
        if (line.trim() === '') {
            if (paragraph.length > 0) break;
            continue;
        }
        paragraph.push(line.trim());
    }
    return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}

/** The rationale of a rule from its docs page, when the host has pointed `RuleDocs` at readable pages. */
export async function ruleRationale(services: MplanServices, ruleId: string): Promise<string | undefined> {
    const href = services.config.RuleDocs.hrefFor(ruleId);
    if (!href) return undefined;
    let page = pages.get(href);
    if (!page) {
        const fileSystem = services.shared.workspace.FileSystemProvider;
        page = fileSystem.readFile(URI.parse(href)).then(text => text, () => undefined);
        pages.set(href, page);
    }
    const text = await page;
    return text === undefined ? undefined : whyOf(text);
}
