/**
 * The wizard's report computation off the UI thread (issue 14 part 4; SPEC §4 "Generate":
 * progress shown, cancellable, nothing half-written): the job posted to the worker
 * (src/taskpane/reportJob.ts), the worker's work, and the runner that uses a worker or falls
 * back to the pane's thread (src/taskpane/reportRunner.ts). The browser test
 * (test/browser/reportWorker.browser.test.ts) runs the built worker in Chromium.
 *
 * The worker's boundary is modelled here with `structuredClone(message, { transfer })`, which
 * is what `postMessage` does to a message.
 */
import { expect } from "../support/expect";
import { CrmError, isCrmError } from "../../src/core/errors";
import { serialFromYmd } from "../../src/core/input/dates";
import {
  defaultReportOptions,
  prepareReportData,
  type ReportOptions,
  type ReportSource,
} from "../../src/core/report";
import { CancelledError } from "../../src/taskpane/excelAdapter";
import {
  computeReportWorkbook,
  deserializeError,
  mappedColumns,
  packReportJob,
  runReportJob,
  serializeError,
  unpackRows,
  type ReportJob,
  type ReportStage,
  type WorkerMessage,
} from "../../src/taskpane/reportJob";
import { computeReport, type ReportWorkerLike } from "../../src/taskpane/reportRunner";
import { JUNE_30, SAMPLE_SALES, sampleSource } from "../support/sampleReport";

/** The sample report's settings (test/support/sampleReport.ts): as of 2024-06-30, by quarter, 45 days. */
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

/**
 * A wider sheet as a user has it: a note column before the data (not mapped), ids as numbers
 * with one as text, dates as Excel gives them (serials) with a blank and a text one, amounts
 * with a text one — the sample table's purchases, with three rows the audit skips.
 */
function widerSource(): ReportSource {
  const rows: unknown[][] = [["Note", ...SAMPLE_SALES[0]!, "Comment"]];
  SAMPLE_SALES.slice(1).forEach(([id, date, amount], i) => {
    const [y, m, d] = String(date).split("-").map(Number) as [number, number, number];
    rows.push([`note ${i}`, id, serialFromYmd(y, m, d), amount, i % 3 === 0 ? "" : `comment ${i}`]);
  });
  rows.push(["", 1009, "", 12, "no date"]);
  rows.push(["", "C-10", "not a date", 5, ""]);
  rows.push(["", 1001, 45400, "lots", ""]);
  return {
    rows,
    hasHeader: true,
    columnNames: rows[0]!.map(String),
    mapping: { customerId: 1, date: 2, amount: 3, cost: null, score: null },
    location: { sheetName: "Sales", row: 0, column: 0, address: `Sales!A1:E${rows.length}` },
  };
}

/** A job as the worker receives it: cloned, its buffers transferred. */
function posted(source: ReportSource, options: ReportOptions): ReportJob {
  const { job, transfer } = packReportJob(source, options);
  return structuredClone(job, { transfer });
}

describe("the job posted to the worker", () => {
  it("sends only the mapped columns, numbers as transferred Float64Arrays", () => {
    const source = widerSource();
    const { job, transfer } = packReportJob(source, sampleOptions(source));
    expect(mappedColumns(source.mapping)).toEqual([1, 2, 3]);
    expect(job.rows.columns.map((c) => c.index)).toEqual([1, 2, 3]);
    expect(job.rows.head).toEqual([source.rows[0]]);
    expect(job.rows.dataRows).toBe(source.rows.length - 1);
    expect(job.rows.columnCount).toBe(5);
    // ids: all numbers but "C-10"; dates: numbers but one blank and one text; amounts: one text
    const [ids, dates, amounts] = job.rows.columns.map((c) => c.column);
    expect(ids).toMatchObject({ kind: "numbers", otherCells: ["C-10"] });
    expect(dates).toMatchObject({ kind: "numbers", otherCells: ["", "not a date"] });
    expect(amounts).toMatchObject({ kind: "numbers", otherCells: ["lots"] });
    // two buffers per numeric column (numbers, rows of the other cells), all new
    expect(transfer).toHaveLength(6);
    expect(transfer.every((buffer) => buffer instanceof ArrayBuffer)).toBe(true);
  });

  it("rebuilds the rows the worker computes from: mapped cells exact, others blank", () => {
    const source = widerSource();
    const before = structuredClone(source.rows);
    const job = posted(source, sampleOptions(source));
    // the caller's rows are untouched by the transfer (the buffers were new)
    expect(source.rows).toEqual(before);
    const rows = unpackRows(job.rows);
    expect(rows).toHaveLength(source.rows.length);
    expect(rows[0]).toEqual(source.rows[0]); // the header, whole
    rows.slice(1).forEach((row, r) => {
      const original = source.rows[r + 1]!;
      expect(row).toEqual(["", original[1], original[2], original[3], ""]);
    });
  });

  it("keeps every number exactly (-0, fractions, large serials) and a text column as text", () => {
    const rows = [
      ["id", "day", "amount"],
      ["A", 45292.75, -0],
      ["B", 2958465, 0.1 + 0.2],
      ["C", 1, Number.MAX_VALUE],
    ];
    const source: ReportSource = {
      rows,
      hasHeader: true,
      columnNames: ["id", "day", "amount"],
      mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
    };
    const job = posted(source, sampleOptions(sampleSource()));
    expect(job.rows.columns[0]!.column.kind).toBe("cells");
    const back = unpackRows(job.rows);
    expect(back).toEqual(rows);
    expect(Object.is(back[1]![2], -0)).toBe(true);
  });

  it("packs a source without a header, and an empty one", () => {
    const source: ReportSource = {
      ...sampleSource(),
      rows: SAMPLE_SALES.slice(1),
      hasHeader: false,
    };
    expect(unpackRows(posted(source, sampleOptions(sampleSource())).rows)).toEqual(source.rows);
    const empty: ReportSource = { ...sampleSource(), rows: [SAMPLE_SALES[0]!] };
    const job = posted(empty, sampleOptions(sampleSource()));
    expect(job.rows.dataRows).toBe(0);
    expect(unpackRows(job.rows)).toEqual([SAMPLE_SALES[0]]);
  });
});

describe("the worker's work", () => {
  it("gives the same workbook as computing on the pane's thread (the sample report)", () => {
    const source = sampleSource();
    const options = sampleOptions(source);
    const here = computeReportWorkbook(source, options);
    const stages: ReportStage[] = [];
    const there = runReportJob(posted(source, options), (stage) => stages.push(stage));
    // the result crosses back by structured clone: plain data, nothing lost
    expect(structuredClone(there)).toEqual(here);
    expect(stages).toEqual(["audit", "build"]);
  });

  it("gives the same workbook for a wider sheet with unmapped columns and skipped rows", () => {
    const source = widerSource();
    const options = sampleOptions(source);
    const prepared = prepareReportData(source);
    expect(prepared.audit.rowsWithProblems).toBe(3);
    const here = computeReportWorkbook(source, options, undefined, prepared);
    expect(structuredClone(runReportJob(posted(source, options)))).toEqual(here);
  });

  it("gives the same workbook in formulas mode over a named table (formulas name columns)", () => {
    const source = sampleSource(SAMPLE_SALES, { tableName: "Orders" });
    const options = sampleOptions(source, { mode: "formulas" });
    expect(runReportJob(posted(source, options))).toEqual(computeReportWorkbook(source, options));
  });
});

describe("errors across the boundary", () => {
  it("a CrmError keeps its kind, argument and row, and is a CrmError again", () => {
    const error = deserializeError(
      structuredClone(
        serializeError(new CrmError("num", "margin must be a fraction.", "margin", 3))
      )
    );
    expect(isCrmError(error)).toBe(true);
    expect(error).toMatchObject({ kind: "num", argument: "margin", row: 3 });
    expect(error.message).toBe("margin must be a fraction.");
  });

  it("another error keeps its name and message", () => {
    const error = deserializeError(structuredClone(serializeError(new RangeError("too big"))));
    expect(isCrmError(error)).toBe(false);
    expect(error).toMatchObject({ name: "RangeError", message: "too big" });
    expect(deserializeError(serializeError("thrown text")).message).toBe("thrown text");
  });
});

// ─── The runner ─────────────────────────────────────────────────────────────────────────

/**
 * A stand-in for the bundled worker: messages cross by structured clone, asynchronously, as
 * with a real Worker. `behaviour` decides what it does with a job.
 */
class FakeWorker implements ReportWorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = 0;
  jobs = 0;

  constructor(
    private readonly behaviour: "compute" | "fail to start" | "crash" | "hang" = "compute"
  ) {
    setTimeout(() => {
      if (this.behaviour === "fail to start") this.fireError("Failed to load report.worker.js");
      else this.send({ type: "ready" });
    }, 0);
  }

  postMessage(message: ReportJob, transfer: Transferable[]): void {
    const job = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
    this.jobs++;
    setTimeout(() => {
      if (this.behaviour === "crash") return this.fireError("out of memory");
      if (this.behaviour !== "compute") return;
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
    if (this.terminated) return; // a terminated worker says nothing more
    this.onmessage?.({ data: structuredClone(message) } as MessageEvent<WorkerMessage>);
  }

  private fireError(message: string): void {
    if (this.terminated) return;
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

describe("computeReport: in a worker, or on the pane's thread", () => {
  const source = sampleSource();
  const options = sampleOptions(source);
  const expected = computeReportWorkbook(source, options);

  it("computes in the worker, reports its stages, and ends the worker", async () => {
    const worker = new FakeWorker();
    const stages: ReportStage[] = [];
    const result = await computeReport(source, options, undefined, {
      createWorker: () => worker,
      onStage: (stage) => stages.push(stage),
    });
    expect(result.computedIn).toBe("worker");
    expect(result.workbook).toEqual(expected);
    expect(stages).toEqual(["audit", "build"]);
    expect(worker.jobs).toBe(1);
    expect(worker.terminated).toBe(1);
  });

  it("falls back to the pane's thread where there is no Worker (as in Node)", async () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe("undefined");
    const result = await computeReport(source, options, prepareReportData(source), {
      paintDelay: 0,
    });
    expect(result).toEqual({ workbook: expected, computedIn: "main thread" });
  });

  it("falls back when the worker cannot be made (a policy refusing it)", async () => {
    const result = await computeReport(source, options, undefined, {
      createWorker: () => {
        throw new DOMException("refused", "SecurityError");
      },
      paintDelay: 0,
    });
    expect(result.computedIn).toBe("main thread");
    expect(result.workbook).toEqual(expected);
  });

  it("falls back when the worker fails to start (its script did not load)", async () => {
    const worker = new FakeWorker("fail to start");
    const result = await computeReport(source, options, undefined, {
      createWorker: () => worker,
      paintDelay: 0,
    });
    expect(result.computedIn).toBe("main thread");
    expect(result.workbook).toEqual(expected);
    expect(worker.terminated).toBe(1);
  });

  it("fails, without computing again here, when a started worker breaks", async () => {
    const worker = new FakeWorker("crash");
    await expect(
      computeReport(source, options, undefined, { createWorker: () => worker })
    ).rejects.toThrow("out of memory");
    expect(worker.terminated).toBe(1);
  });

  it("passes the core's refusal back as a CrmError naming the option", async () => {
    const error = await computeReport(source, { ...options, margin: 1.5 }, undefined, {
      createWorker: () => new FakeWorker(),
    }).catch((thrown: unknown) => thrown);
    expect(isCrmError(error)).toBe(true);
    expect((error as CrmError).argument).toBe("margin");
  });

  it("cancel terminates the worker at once and rejects with CancelledError", async () => {
    const worker = new FakeWorker("hang");
    const abort = new AbortController();
    const running = computeReport(source, options, undefined, {
      createWorker: () => worker,
      signal: abort.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the worker is computing
    expect(worker.jobs).toBe(1);
    abort.abort();
    // rejected in the same turn: no waiting for the computation
    let outcome: unknown = "pending";
    running.catch((error: unknown) => (outcome = error));
    await Promise.resolve();
    await Promise.resolve();
    expect(outcome).toBeInstanceOf(CancelledError);
    expect(worker.terminated).toBe(1);
  });

  it("cancel before it starts makes no worker", async () => {
    const abort = new AbortController();
    abort.abort();
    let made = 0;
    await expect(
      computeReport(source, options, undefined, {
        signal: abort.signal,
        createWorker: () => {
          made++;
          return new FakeWorker();
        },
      })
    ).rejects.toBeInstanceOf(CancelledError);
    expect(made).toBe(0);
  });

  it("on the pane's thread, a cancel pressed during the computation holds before any write", async () => {
    const abort = new AbortController();
    await expect(
      computeReport(source, options, undefined, {
        createWorker: () => undefined,
        signal: abort.signal,
        paintDelay: 0,
        // the click handled while the thread computes
        onStage: (stage) => stage === "build" && abort.abort(),
      })
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
