/**
 * The report's Web Worker: computes the report workbook off the task pane's UI thread, so the
 * pane stays responsive and Cancel is immediate (the pane terminates this worker). Bundled by
 * webpack as dist/report.worker.js from `new Worker(new URL("./report.worker.ts",
 * import.meta.url))` in reportRunner.ts; served from the add-in's own origin.
 *
 * Protocol (reportJob.ts): it posts `ready` when it starts; for each {@link ReportJob} it
 * receives it posts `progress` stages, then `result` with the {@link ReportWorkbook} (a plain
 * structured-cloneable model) or `error` (a CrmError keeps its kind and argument). It never
 * touches the workbook: Excel.run exists only on the pane's thread, which writes the result
 * through excelAdapter.ts.
 */

import { runReportJob, serializeError, type ReportJob, type WorkerMessage } from "./reportJob";

/**
 * The part of DedicatedWorkerGlobalScope used here. The project is typed against the DOM
 * library (the pane); the "webworker" library cannot be added beside it (the two declare the
 * same globals differently), so the worker's own global is described here instead.
 */
interface ReportWorkerScope {
  onmessage: ((event: MessageEvent<ReportJob>) => void) | null;
  postMessage(message: WorkerMessage): void;
}

const scope = globalThis as unknown as ReportWorkerScope;

scope.onmessage = (event) => {
  let message: WorkerMessage;
  try {
    const workbook = runReportJob(event.data, (stage) =>
      scope.postMessage({ type: "progress", stage })
    );
    message = { type: "result", workbook };
  } catch (error) {
    message = { type: "error", error: serializeError(error) };
  }
  try {
    scope.postMessage(message);
  } catch (error) {
    // e.g. a DataCloneError: say so rather than leave the pane waiting
    scope.postMessage({ type: "error", error: serializeError(error) });
  }
};

scope.postMessage({ type: "ready" });
