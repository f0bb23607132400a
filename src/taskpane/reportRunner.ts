/**
 * Computes the report for the wizard in a Web Worker (src/taskpane/report.worker.ts), so the
 * task pane's UI thread stays free while the metrics and the predictive fit run, and Cancel
 * stops the computation at once by terminating the worker (SPEC §4 "Generate": progress shown,
 * cancellable). The Excel reads and writes stay on the pane's thread (Excel.run exists only
 * there): the wizard reads the source, this module posts it to the worker (mapped columns as
 * transferred typed arrays, see reportJob.ts) and resolves with the report model, which the
 * wizard writes through excelAdapter.ts. Nothing is written while the report is computed, so a
 * cancel here leaves the workbook as it was.
 *
 * Fallback: where Worker is unavailable (an old host, a test in Node), cannot be made (a
 * policy blocking it) or fails to start (its script cannot load: the `error` event comes
 * before the worker's `ready`), the report is computed on the pane's thread as it was before
 * workers, with the same core functions and the same result; the pane then stays busy until
 * the report is computed, and a cancel takes effect when it is (before anything is written).
 */

import type { PreparedData, ReportOptions, ReportSource } from "../core/report";
import type { ReportWorkbook } from "../core/report/reportModel";
import { CancelledError } from "./excelAdapter";
import {
  computeReportWorkbook,
  deserializeError,
  packReportJob,
  type ReportJob,
  type ReportStage,
  type WorkerMessage,
} from "./reportJob";

/** Where the report was computed (the wizard shows it as `data-computed-in` for the tests). */
export type ComputedIn = "worker" | "main thread";

/** The part of `Worker` used here (a test passes a stand-in). */
export interface ReportWorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: ReportJob, transfer: Transferable[]): void;
  terminate(): void;
}

export interface ComputeOptions {
  /** aborting rejects with {@link CancelledError} at once (the worker is terminated) */
  readonly signal?: AbortSignal;
  /** called as the computation reaches each stage */
  readonly onStage?: (stage: ReportStage) => void;
  /**
   * Makes the worker; undefined when workers are unavailable. Default: the bundled
   * report.worker.ts, or undefined where `Worker` does not exist.
   */
  readonly createWorker?: () => ReportWorkerLike | undefined;
  /** ms to let the page paint "Computing…" before computing on the pane's thread (default 30) */
  readonly paintDelay?: number;
}

export interface ComputedReport {
  readonly workbook: ReportWorkbook;
  readonly computedIn: ComputedIn;
}

/** The bundled worker (webpack emits it as report.worker.js beside taskpane.js, same origin). */
function bundledWorker(): ReportWorkerLike | undefined {
  if (typeof Worker === "undefined") return undefined;
  return new Worker(
    /* webpackChunkName: "report.worker" */ new URL("./report.worker.ts", import.meta.url),
    { name: "crm-report" }
  ) as ReportWorkerLike;
}

/**
 * The report workbook of `source` with `options`, computed in a worker when one can run, else
 * on this thread (see the module's comment). `prepared` (the source as the data-quality step
 * read it) saves the fallback reading the rows again; the worker reads them itself.
 *
 * @throws CancelledError when `signal` aborts before the report is computed
 * @throws CrmError as buildReport does (options that do not fit the data, naming the option)
 */
export function computeReport(
  source: ReportSource,
  options: ReportOptions,
  prepared: PreparedData | undefined,
  settings: ComputeOptions = {}
): Promise<ComputedReport> {
  const { signal } = settings;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  const onMainThread = () => computeOnMainThread(source, options, prepared, settings);
  let worker: ReportWorkerLike | undefined;
  try {
    worker = (settings.createWorker ?? bundledWorker)();
  } catch {
    // a security policy (or an old host) refusing the worker: compute here instead
    worker = undefined;
  }
  if (!worker) return onMainThread();
  const running = worker;

  return new Promise<ComputedReport>((resolve, reject) => {
    let started = false;
    let settled = false;
    const finish = (then: () => void) => {
      if (settled) return;
      settled = true;
      running.terminate();
      running.onmessage = running.onerror = running.onmessageerror = null;
      signal?.removeEventListener("abort", onAbort);
      then();
    };
    const onAbort = () => finish(() => reject(new CancelledError()));
    const fallBack = () => finish(() => void onMainThread().then(resolve, reject));
    signal?.addEventListener("abort", onAbort, { once: true });

    running.onmessage = (event) => {
      const message = event.data;
      switch (message.type) {
        case "ready":
          started = true;
          break;
        case "progress":
          started = true;
          settings.onStage?.(message.stage);
          break;
        case "result":
          finish(() => resolve({ workbook: message.workbook, computedIn: "worker" }));
          break;
        case "error":
          finish(() => reject(deserializeError(message.error)));
          break;
      }
    };
    running.onerror = (event) => {
      event.preventDefault();
      // Before `ready` the worker did not start (its script could not be loaded or run): the
      // pane computes the report itself. After, the computation itself broke (out of memory).
      if (!started) fallBack();
      else
        finish(() =>
          reject(new Error(event.message || "The report's computation stopped unexpectedly."))
        );
    };
    // the result could not be read on this side: compute it here rather than fail
    running.onmessageerror = () => fallBack();

    try {
      const { job, transfer } = packReportJob(source, options);
      running.postMessage(job, transfer);
    } catch {
      // a cell the structured clone refuses (none that Excel gives): compute here instead
      fallBack();
    }
  });
}

/** The computation on the pane's thread (no worker): as the wizard computed before workers. */
async function computeOnMainThread(
  source: ReportSource,
  options: ReportOptions,
  prepared: PreparedData | undefined,
  settings: ComputeOptions
): Promise<ComputedReport> {
  // Let the page paint "Computing…" before the synchronous computation.
  await new Promise((resolve) => setTimeout(resolve, settings.paintDelay ?? 30));
  if (settings.signal?.aborted) throw new CancelledError();
  const workbook = computeReportWorkbook(source, options, settings.onStage, prepared);
  // a cancel pressed while the thread was busy takes effect now, before anything is written
  if (settings.signal?.aborted) throw new CancelledError();
  return { workbook, computedIn: "main thread" };
}
