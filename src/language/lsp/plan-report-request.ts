import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { MplanServices } from '../mplan-module.js';
import { buildPlanReport } from '../report/build-report.js';
import { PLAN_REPORT_REQUEST, type PlanReport, type PlanReportParams } from '../report/report-data.js';

/**
 * Answers `mplan/planReport` (`{ uri }` → `PlanReport | null`), the data of
 * the VS Code preview: the report of the document as the server has built
 * it, once the edits sent before the request are built (the read waits for
 * every queued build). Null for a library, a document the server does not
 * know, or one that is not mplan.
 */
export function addPlanReportHandler(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(PLAN_REPORT_REQUEST, async (params: PlanReportParams): Promise<PlanReport | null> => {
        if (typeof params?.uri !== 'string') return null;
        const uri = URI.parse(params.uri);
        await shared.workspace.WorkspaceManager.ready;
        // A read waits for the writes queued before it: the build of every edit sent so far.
        return shared.workspace.WorkspaceLock.read(async () => {
            const document = shared.workspace.LangiumDocuments.getDocument(uri);
            if (!document || document.state < DocumentState.Validated || !shared.ServiceRegistry.hasServices(uri)) return null;
            const services = shared.ServiceRegistry.getServices(uri) as MplanServices;
            return await buildPlanReport(services, document) ?? null;
        });
    });
}
