/**
 * QA of the wizard's report computation in a Web Worker (src/taskpane/reportRunner.ts,
 * src/taskpane/report.worker.ts; SPEC §4 "Generate": progress shown, cancellable, nothing
 * half-written): the races a user can cause — Cancel in the same moment as Generate, Cancel
 * while the pane computes after the worker failed to start, the worker failing after it
 * started, a result that cannot be read, a second computation while one runs — and the real
 * worker script's protocol (ready, progress, result or error), run in Node with a stand-in for
 * the worker's global scope.
 *
 * Messages cross the stand-in worker's boundary by structured clone, asynchronously, as with a
 * real Worker.
 */
import { expect } from "../support/expect";
import { isCrmError } from "../../src/core/errors";
import {
  defaultReportOptions,
  prepareReportData,
  type ReportOptions,
  type ReportSource,
} from "../../src/core/report";
import { CancelledError } from "../../src/taskpane/excelAdapter";
import {
  computeReportWorkbook,
  packReportJob,
  runReportJob,
  serializeError,
  type ReportJob,
  type ReportStage,
  type WorkerMessage,
} from "../../src/taskpane/reportJob";
import { computeReport, type ReportWorkerLike } from "../../src/taskpane/reportRunner";
import { JUNE_30, sampleSource } from "../support/sampleReport";

function sampleOptions(
  source: ReportSource,
  overrides: Partial<ReportOptions> = {}
): ReportOptions {
  return {
    ...defaultReportOptions(prepareReportData(source), "en"),
    asOf: JUNE_30,
    period: "quarter",
    inactiveDays: 45,
    generatedAt: "2024-07-01 09:00",
    ...overrides,
  };
}

type Behaviour =
  | "compute"
  | "fail to start"
  | "crash after progress"
  | "crash silently"
  | "unreadable result"
  | "refuse the job"
  | "hang";

/** A stand-in for the bundled worker; `behaviour` decides what it does with a job. */
class FakeWorker implements ReportWorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = 0;
  jobs = 0;
  /** messages it tried to deliver after it was terminated (must reach nobody) */
  late = 0;

  constructor(private readonly behaviour: Behaviour = "compute") {
    setTimeout(() => {
      if (behaviour === "fail to start") this.fireError("Failed to load report.worker.js");
      else this.send({ type: "ready" });
    }, 0);
  }

  postMessage(message: ReportJob, transfer: Transferable[]): void {
    if (this.behaviour === "refuse the job")
      throw new DOMException("could not be cloned", "DataCloneError");
    const job = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
    this.jobs++;
    setTimeout(() => {
      switch (this.behaviour) {
        case "hang":
        case "fail to start":
          return;
        case "crash after progress":
          this.send({ type: "progress", stage: "audit" });
          return this.fireError("out of memory");
        case "crash silently":
          this.send({ type: "progress", stage: "audit" });
          return this.fireError("");
        case "unreadable result":
          this.send({ type: "progress", stage: "audit" });
          if (this.terminated) return void this.late++;
          return this.onmessageerror?.({ data: null } as MessageEvent);
      }
      try {
        const workbook = runReportJob(job, (stage) => this.send({ type: "progress", stage }));
        this.send({ type: "result", workbook });
      } catch (error) {
        this.send({ type: "error", error: serializeError(error) });
      }
    }, 5);
  }

  terminate(): void {
    this.terminated++;
  }

  private send(message: WorkerMessage): void {
    if (this.terminated) return void this.late++;
    this.onmessage?.({ data: structuredClone(message) } as MessageEvent<WorkerMessage>);
  }

  private fireError(message: string): void {
    if (this.terminated) return void this.late++;
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's outcome so far: "pending", or what it resolved or rejected with. */
function watch<T>(promise: Promise<T>): { outcome: unknown } {
  const state: { outcome: unknown } = { outcome: "pending" };
  promise.then(
    (value) => (state.outcome = value),
    (error: unknown) => (state.outcome = error)
  );
  return state;
}

describe("computeReport under a user's timing", () => {
  const source = sampleSource();
  const options = sampleOptions(source);
  const expected = computeReportWorkbook(source, options);

  it("Cancel in the same turn as Generate: CancelledError, the worker ended, its later result ignored", async () => {
    const worker = new FakeWorker("compute");
    const abort = new AbortController();
    const running = watch(
      computeReport(source, options, undefined, {
        createWorker: () => worker,
        signal: abort.signal,
      })
    );
    abort.abort();
    await tick();
    expect(running.outcome).toBeInstanceOf(CancelledError);
    expect(worker.terminated).toBe(1);
    await tick(30); // the stand-in would have finished by now
    expect(running.outcome).toBeInstanceOf(CancelledError);
  });

  it("Cancel while the pane computes after the worker failed to start: CancelledError, nothing computed", async () => {
    const worker = new FakeWorker("fail to start");
    const abort = new AbortController();
    const stages: ReportStage[] = [];
    const running = watch(
      computeReport(source, options, undefined, {
        createWorker: () => worker,
        signal: abort.signal,
        onStage: (stage) => stages.push(stage),
        paintDelay: 20,
      })
    );
    await tick(5); // the worker has failed; the pane waits to paint "Computing…"
    expect(worker.terminated).toBe(1);
    abort.abort();
    await tick(40);
    expect(running.outcome).toBeInstanceOf(CancelledError);
    expect(stages).toEqual([]);
  });

  it("a worker that breaks after it started: its message, no second computation on the pane", async () => {
    const worker = new FakeWorker("crash after progress");
    const stages: ReportStage[] = [];
    await expect(
      computeReport(source, options, undefined, {
        createWorker: () => worker,
        onStage: (stage) => stages.push(stage),
      })
    ).rejects.toThrow("out of memory");
    expect(stages).toEqual(["audit"]);
    expect(worker.terminated).toBe(1);
  });

  it("a worker that breaks with no message: a sentence saying the computation stopped", async () => {
    await expect(
      computeReport(source, options, undefined, {
        createWorker: () => new FakeWorker("crash silently"),
      })
    ).rejects.toThrow("The report's computation stopped unexpectedly.");
  });

  it("a result the pane cannot read: computed on the pane's thread instead, the same workbook", async () => {
    const worker = new FakeWorker("unreadable result");
    const result = await computeReport(source, options, undefined, {
      createWorker: () => worker,
      paintDelay: 0,
    });
    expect(result.computedIn).toBe("main thread");
    expect(result.workbook).toEqual(expected);
    expect(worker.terminated).toBe(1);
  });

  it("a job the worker cannot be sent: computed on the pane's thread instead", async () => {
    const worker = new FakeWorker("refuse the job");
    const result = await computeReport(source, options, undefined, {
      createWorker: () => worker,
      paintDelay: 0,
    });
    expect(result).toEqual({ workbook: expected, computedIn: "main thread" });
    expect(worker.terminated).toBe(1);
  });

  it("two computations at once: cancelling one leaves the other to finish, each with its own worker", async () => {
    const first = new FakeWorker("compute");
    const second = new FakeWorker("compute");
    const abortFirst = new AbortController();
    const a = watch(
      computeReport(source, options, undefined, {
        createWorker: () => first,
        signal: abortFirst.signal,
      })
    );
    const b = computeReport(source, sampleOptions(source, { period: "month" }), undefined, {
      createWorker: () => second,
      signal: new AbortController().signal,
    });
    abortFirst.abort();
    const result = await b;
    expect(a.outcome).toBeInstanceOf(CancelledError);
    expect(result.computedIn).toBe("worker");
    expect(result.workbook).toEqual(
      computeReportWorkbook(source, sampleOptions(source, { period: "month" }))
    );
    expect([first.terminated, second.terminated]).toEqual([1, 1]);
  });

  it("a worker that never answers can still be cancelled", async () => {
    const worker = new FakeWorker("hang");
    const abort = new AbortController();
    const running = watch(
      computeReport(source, options, undefined, {
        createWorker: () => worker,
        signal: abort.signal,
      })
    );
    await tick(20);
    expect(running.outcome).toBe("pending");
    abort.abort();
    await tick();
    expect(running.outcome).toBeInstanceOf(CancelledError);
    expect(worker.terminated).toBe(1);
  });
});

// ─── The worker script itself ───────────────────────────────────────────────────────────

describe("report.worker.ts: its protocol", () => {
  const posted: WorkerMessage[] = [];
  const scope = globalThis as unknown as {
    postMessage?: (message: WorkerMessage) => void;
    onmessage?: ((event: { data: ReportJob }) => void) | null;
  };
  const saved = { postMessage: scope.postMessage, onmessage: scope.onmessage };

  before(async () => {
    scope.postMessage = (message) => posted.push(structuredClone(message));
    await import("../../src/taskpane/report.worker");
  });
  after(() => {
    scope.postMessage = saved.postMessage;
    scope.onmessage = saved.onmessage;
  });

  const source = sampleSource();
  const job = (options: ReportOptions): ReportJob => {
    const { job, transfer } = packReportJob(source, options);
    return structuredClone(job, { transfer });
  };

  it("says ready once it runs, before any job", () => {
    expect(posted).toEqual([{ type: "ready" }]);
  });

  it("a job: the stages, then the same workbook as the pane computes", () => {
    posted.length = 0;
    const options = sampleOptions(source);
    scope.onmessage!({ data: job(options) });
    expect(posted.map((m) => m.type)).toEqual(["progress", "progress", "result"]);
    expect(posted.slice(0, 2)).toEqual([
      { type: "progress", stage: "audit" },
      { type: "progress", stage: "build" },
    ]);
    const result = posted[2] as Extract<WorkerMessage, { type: "result" }>;
    expect(result.workbook).toEqual(computeReportWorkbook(source, options));
  });

  it("an option the data refuses: an error message that is a CrmError naming the option", async () => {
    posted.length = 0;
    scope.onmessage!({ data: job(sampleOptions(source, { margin: 1.5 })) });
    const last = posted[posted.length - 1]!;
    expect(last.type).toBe("error");
    const { deserializeError } = await import("../../src/taskpane/reportJob");
    const error = deserializeError((last as Extract<WorkerMessage, { type: "error" }>).error);
    expect(isCrmError(error)).toBe(true);
    expect((error as { argument?: string }).argument).toBe("margin");
  });

  it("a job it cannot read (a damaged message): an error, never silence", () => {
    posted.length = 0;
    scope.onmessage!({ data: { source: {}, rows: null, options: {} } as unknown as ReportJob });
    expect(posted.map((m) => m.type)).toEqual(["error"]);
  });
});
