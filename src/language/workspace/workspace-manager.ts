import { DefaultWorkspaceManager, type LangiumSharedCoreServices } from 'langium';

/**
 * Langium builds the files of a workspace at start-up without validating
 * them, so problems show only for files the user opens. mplan judges every
 * plan of the workspace from the start, as `mplan check` does, so that the
 * editor and the CLI agree on the same files.
 */
export class MplanWorkspaceManager extends DefaultWorkspaceManager {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.initialBuildOptions = { validation: true };
    }
}
