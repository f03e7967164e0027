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

/** The "## Why" section of a docs page, as written (SARIF's fullDescription); undefined when it has none. */
export function whySection(page: string): string | undefined {
    const match = /^##[^\S\n]+Why[^\S\n]*\r?\n([\s\S]*?)(?=^#|(?![\s\S]))/m.exec(page);
    return match?.[1].trim() || undefined;
}

/** The first paragraph of the "## Why" section of a docs page, on one line; undefined when it has none. */
export function whyOf(page: string): string | undefined {
    const first = whySection(page)?.split(/\r?\n[^\S\n]*\r?\n/)[0];
    return first ? first.split(/\r?\n/).map(line => line.trim()).join(' ') : undefined;
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
