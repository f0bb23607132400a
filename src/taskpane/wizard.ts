/**
 * The report wizard (SPEC §4): choose the data → match the columns (with a preview and the
 * data-quality report) → options → generate. It gathers options and orchestrates; the numbers
 * come from the core (report.ts builds the sheet as a {@link ReportModel}), computed in a Web
 * Worker off this thread (reportRunner.ts, report.worker.ts), and the workbook is touched only
 * through excelAdapter.ts, from this thread.
 *
 * Every piece of text from the workbook (headers, cells, table names) is put on the page with
 * `textContent`, never as HTML.
 */

import { isoFromSerial } from "../core/input/dates";
import { isCrmError, type CrmError } from "../core/errors";
import { readDate } from "../core/input/input";
import {
  detectColumns,
  FIELD_KEYS,
  mappingProblems,
  REQUIRED_FIELDS,
  type ColumnMapping,
  type DetectedColumns,
  type FieldKey,
} from "../core/input/mapping";
import {
  defaultReportOptions,
  generatedAtText,
  prepareReportData,
  sheetRowOf,
  type PreparedData,
  type ReportOptions,
  type ReportSource,
} from "../core/report";
import type { PeriodKind } from "../core/metrics/customerBase";
import type { ReportWorkbook } from "../core/report/reportModel";
import {
  checkOptionTexts,
  fieldOfArgument,
  OPTION_FIELDS,
  optionNameOf,
  parseEntry,
} from "./optionChecks";
import type { ReportLanguage } from "../i18n/report.strings";
import { TASKPANE_STRINGS, type TaskpaneStrings } from "../i18n/taskpane.strings";
import {
  CancelledError,
  listTables,
  readDisplayedText,
  readSource,
  writeReport,
  type SourceData,
  type SourceKind,
} from "./excelAdapter";
import { computeReport } from "./reportRunner";

const PREVIEW_ROWS = 8;
const LISTED_PROBLEMS = 20;

// ─── Small DOM helpers (text only) ──────────────────────────────────────────────────────

type Attributes = Record<string, string | boolean | number | undefined>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "className") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** A cell's value as text for the preview and the problem list. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  return String(value);
}

let idCounter = 0;
function uniqueId(prefix: string): string {
  idCounter++;
  return `${prefix}-${idCounter}`;
}

/** A labelled input; returns the wrapper and the input. */
function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement,
  hint?: string
): HTMLElement {
  const id = input.id || uniqueId("field");
  input.id = id;
  const hintElement = hint ? el("p", { className: "hint", id: `${id}-hint` }, hint) : null;
  if (hintElement) describe(input, hintElement.id);
  return el(
    "div",
    { className: "field" },
    el("label", { for: id }, label),
    input,
    errorSlot(id),
    hintElement
  );
}

/** Links a description to a control (kept when an error is shown and cleared). */
function describe(control: HTMLElement, id: string): void {
  const base = [control.dataset.describedby, id].filter(Boolean).join(" ");
  control.dataset.describedby = base;
  control.setAttribute("aria-describedby", base);
}

/** The element that shows a field's error, found by `${fieldId}-error`. */
function errorSlot(fieldId: string): HTMLElement {
  return el("p", { className: "field-error", id: `${fieldId}-error`, hidden: true });
}

/**
 * Marks a field with its error (red border, `aria-invalid`, the message linked by
 * `aria-describedby`), or clears the mark when `message` is undefined.
 */
function markField(root: HTMLElement, fieldId: string, message: string | undefined): void {
  const control = root.querySelector<HTMLElement>(`#${fieldId}`);
  const slot = root.querySelector<HTMLElement>(`#${fieldId}-error`);
  if (!control || !slot) return;
  const base = control.dataset.describedby ?? "";
  slot.textContent = message ?? "";
  slot.hidden = message === undefined;
  control.classList.toggle("invalid", message !== undefined);
  if (message === undefined) {
    control.removeAttribute("aria-invalid");
    if (base) control.setAttribute("aria-describedby", base);
    else control.removeAttribute("aria-describedby");
  } else {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", [base, slot.id].filter(Boolean).join(" "));
  }
}

function numberInput(id: string, value: number, attributes: Attributes = {}): HTMLInputElement {
  return el("input", {
    id,
    type: "number",
    value: String(value),
    inputmode: "decimal",
    ...attributes,
  });
}

function button(id: string, text: string, primary = false): HTMLButtonElement {
  return el(
    "button",
    { id, type: "button", className: primary ? "button primary" : "button" },
    text
  );
}

// ─── The wizard ─────────────────────────────────────────────────────────────────────────

interface WizardState {
  source?: SourceData;
  detected?: DetectedColumns;
  hasHeader: boolean;
  mapping?: ColumnMapping;
  prepared?: PreparedData;
  /** the source's first rows as the sheet displays them (Range.text), header included */
  displayed?: string[][] | undefined;
}

/** Options of {@link startWizard}. */
export interface WizardOptions {
  readonly language: ReportLanguage;
  /** the date shown as "generated" on the sheet (default: now) */
  readonly now?: () => Date;
}

/** Builds the wizard into `root` and runs it. */
export function startWizard(root: HTMLElement, options: WizardOptions): void {
  const strings = TASKPANE_STRINGS[options.language];
  const wizard = new Wizard(root, strings, options);
  wizard.render();
}

class Wizard {
  private readonly state: WizardState = { hasHeader: true };
  private readonly sections: HTMLElement[] = [];
  private readonly stepItems: HTMLElement[] = [];
  private step = 0;
  private abort: AbortController | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly t: TaskpaneStrings,
    private readonly options: WizardOptions
  ) {}

  render(): void {
    const t = this.t;
    this.root.replaceChildren();
    const steps = el("ol", { className: "steps", "aria-label": t.appTitle });
    t.steps.forEach((name, i) => {
      const item = el(
        "li",
        { className: "step" },
        el("span", { className: "step-number" }, String(i + 1)),
        el("span", { className: "step-name" }, name)
      );
      this.stepItems.push(item);
      steps.append(item);
    });
    this.root.append(steps);
    for (const build of [this.dataStep, this.mappingStep, this.optionsStep, this.generateStep]) {
      const section = build.call(this);
      section.hidden = true;
      this.sections.push(section);
      this.root.append(section);
    }
    this.show(0, false);
    void this.loadTables();
  }

  private show(step: number, focus = true): void {
    this.step = step;
    this.sections.forEach((section, i) => (section.hidden = i !== step));
    this.stepItems.forEach((item, i) => {
      item.classList.toggle("current", i === step);
      item.classList.toggle("done", i < step);
      if (i === step) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    if (focus) this.sections[step]!.querySelector("h2")?.focus();
  }

  private status(id: string, text: string, kind: "info" | "error" | "success" = "info"): void {
    const target = this.root.querySelector<HTMLElement>(`#${id}`);
    if (!target) return;
    target.textContent = text;
    target.className = `status ${kind}`;
  }

  // ── Step 1: data ──

  private dataStep(): HTMLElement {
    const t = this.t;
    // A choice that cannot work is disabled with its reason beside it (see loadTables).
    const radio = (value: SourceKind, label: string, checked = false, disabled = false) => {
      const id = `source-${value}`;
      return el(
        "div",
        { className: "choice-block" },
        el(
          "div",
          { className: "choice" },
          el("input", { type: "radio", name: "source", id, value, checked, disabled }),
          el("label", { for: id }, label)
        ),
        el("p", { className: "hint reason", id: `${id}-reason`, hidden: true })
      );
    };
    const tableSelect = el("select", { id: "source-table-name", disabled: true });
    const section = el(
      "section",
      { id: "step-data", className: "step-panel", "aria-labelledby": "step-data-title" },
      el("h2", { id: "step-data-title", tabindex: -1 }, t.dataTitle),
      el("p", {}, t.dataIntro),
      el(
        "fieldset",
        { className: "choices" },
        el("legend", { className: "visually-hidden" }, t.dataTitle),
        radio("selection", t.sourceSelection, true),
        radio("region", t.sourceRegion),
        // enabled once the workbook is known to have a named table
        radio("table", t.sourceTable, false, true)
      ),
      field(t.tableLabel, tableSelect),
      el("div", { className: "actions" }, button("use-data", t.useData, true)),
      el("p", { id: "data-status", className: "status", role: "status", "aria-live": "polite" })
    );
    section.addEventListener("change", (event) => {
      const target = event.target as HTMLInputElement;
      if (target.name === "source") tableSelect.disabled = target.value !== "table";
    });
    section.querySelector("#use-data")!.addEventListener("click", () => void this.useData());
    return section;
  }

  /**
   * Lists the named tables. Without one (or when they cannot be listed) "A named table" stays
   * disabled, its reason shown beside it and linked to it, and the table list is hidden.
   */
  private async loadTables(): Promise<void> {
    const select = this.root.querySelector<HTMLSelectElement>("#source-table-name")!;
    const choice = this.root.querySelector<HTMLInputElement>("#source-table")!;
    const reason = this.root.querySelector<HTMLElement>("#source-table-reason")!;
    let why: string | undefined;
    try {
      const tables = await listTables();
      select.replaceChildren(
        ...tables.map((table) =>
          el("option", { value: table.name }, `${table.name} (${table.sheetName})`)
        )
      );
      if (tables.length === 0) why = this.t.noTables;
    } catch {
      select.replaceChildren();
      why = this.t.tablesUnreadable;
    }
    choice.disabled = why !== undefined;
    reason.textContent = why ?? "";
    reason.hidden = why === undefined;
    if (why === undefined) choice.removeAttribute("aria-describedby");
    else choice.setAttribute("aria-describedby", reason.id);
    select.closest<HTMLElement>(".field")!.hidden = why !== undefined;
  }

  private async useData(): Promise<void> {
    const t = this.t;
    const kind = (this.root.querySelector<HTMLInputElement>("input[name=source]:checked")?.value ??
      "selection") as SourceKind;
    const tableName = this.root.querySelector<HTMLSelectElement>("#source-table-name")!.value;
    const useButton = this.root.querySelector<HTMLButtonElement>("#use-data")!;
    useButton.disabled = true;
    try {
      const source = await readSource(kind === "table" ? { kind, tableName } : { kind }, {
        onProgress: (read, total) => this.status("data-status", t.reading(read, total)),
      });
      if (source.values.length < 2) {
        this.status("data-status", t.tooFewRows, "error");
        return;
      }
      this.status(
        "data-status",
        t.readDone(source.address, source.rowCount, source.columnCount),
        "success"
      );
      this.state.source = source;
      // the preview shows cells as the sheet does (dates as dates, not serials); the values
      // stand in if the text cannot be read
      this.state.displayed = await readDisplayedText(source, PREVIEW_ROWS + 1).catch(
        () => undefined
      );
      const detected = detectColumns(source.values);
      this.state.detected = detected;
      this.state.hasHeader = detected.hasHeader;
      this.state.mapping = detected.mapping;
      this.renderMapping();
      this.show(1);
    } catch (error) {
      // nothing was written: the read failed, not a report
      this.status(
        "data-status",
        t.readFailed(error instanceof Error ? error.message : String(error)),
        "error"
      );
    } finally {
      useButton.disabled = false;
    }
  }

  // ── Step 2: mapping, preview, data quality ──

  private mappingStep(): HTMLElement {
    const t = this.t;
    const section = el(
      "section",
      { id: "step-mapping", className: "step-panel", "aria-labelledby": "step-mapping-title" },
      el("h2", { id: "step-mapping-title", tabindex: -1 }, t.mappingTitle),
      el(
        "div",
        { className: "choice" },
        el("input", { type: "checkbox", id: "has-header" }),
        el("label", { for: "has-header" }, t.hasHeader)
      ),
      el("div", { id: "mapping-fields", className: "mapping" }),
      el("p", { id: "mapping-status", className: "status", role: "alert" }),
      el("h3", { id: "preview-title" }),
      el(
        "div",
        { className: "preview-wrap", tabindex: 0, "aria-labelledby": "preview-title" },
        el("table", { id: "preview", className: "preview" })
      ),
      el("h3", {}, t.qualityTitle),
      el("div", { id: "quality", className: "quality", role: "status", "aria-live": "polite" }),
      el(
        "div",
        { className: "actions" },
        button("mapping-back", t.back),
        button("mapping-next", t.next, true)
      )
    );
    section.querySelector("#has-header")!.addEventListener("change", (event) => {
      this.state.hasHeader = (event.target as HTMLInputElement).checked;
      const detected = detectColumns(this.state.source!.values, {
        hasHeader: this.state.hasHeader,
      });
      this.state.detected = detected;
      this.state.mapping = detected.mapping;
      this.renderMapping();
    });
    section.querySelector("#mapping-back")!.addEventListener("click", () => this.show(0));
    section.querySelector("#mapping-next")!.addEventListener("click", () => {
      if (this.state.prepared && this.state.prepared.audit.transactions.days.length > 0) {
        this.renderOptions();
        this.show(2);
      }
    });
    return section;
  }

  private renderMapping(): void {
    const t = this.t;
    const detected = this.state.detected!;
    const mapping = this.state.mapping!;
    this.root.querySelector<HTMLInputElement>("#has-header")!.checked = this.state.hasHeader;
    const container = this.root.querySelector<HTMLElement>("#mapping-fields")!;
    container.replaceChildren();
    for (const key of FIELD_KEYS) {
      const required = REQUIRED_FIELDS.includes(key);
      const select = el("select", { id: `map-${key}`, "data-field": key });
      if (!required || mapping[key] === null)
        select.append(el("option", { value: "" }, t.notMapped));
      detected.columnNames.forEach((name, index) =>
        select.append(el("option", { value: String(index) }, name))
      );
      select.value = mapping[key] === null ? "" : String(mapping[key]);
      const reason = detected.reasons[key];
      const hint = (how: string | null) =>
        [required ? t.required : t.optional, how].filter(Boolean).join(" · ");
      const wrapper = field(
        t.fields[key],
        select,
        hint(reason && mapping[key] !== null ? t.foundBy[reason] : null)
      );
      select.addEventListener("change", () => {
        const value = select.value;
        this.state.mapping = { ...this.state.mapping!, [key]: value === "" ? null : Number(value) };
        const hintElement = wrapper.querySelector(".hint");
        if (hintElement) hintElement.textContent = hint(value === "" ? null : t.foundBy.user);
        this.refreshQuality();
      });
      container.append(wrapper);
    }
    this.refreshQuality();
  }

  /** Preview, mapping problems and the data-quality report for the current mapping. */
  private refreshQuality(): void {
    const t = this.t;
    const source = this.state.source!;
    const mapping = this.state.mapping!;
    const columnNames = this.state.detected!.columnNames;
    const next = this.root.querySelector<HTMLButtonElement>("#mapping-next")!;
    this.renderPreview();

    const problems = mappingProblems(mapping, source.columnCount);
    const quality = this.root.querySelector<HTMLElement>("#quality")!;
    if (problems.length > 0) {
      const first = problems[0]!;
      const name = first.field ? t.fields[first.field] : "";
      this.status(
        "mapping-status",
        first.kind === "duplicate" ? t.mappingDuplicate(name) : t.mappingMissing(name),
        "error"
      );
      quality.replaceChildren();
      this.state.prepared = undefined;
      next.disabled = true;
      next.setAttribute("aria-describedby", "mapping-status"); // why Next is disabled
      return;
    }
    this.status("mapping-status", "");
    const reportSource: ReportSource = {
      rows: source.values,
      hasHeader: this.state.hasHeader,
      columnNames,
      mapping,
      location: {
        sheetName: source.sheetName,
        row: source.row,
        column: source.column,
        address: source.address,
        ...(source.tableName ? { tableName: source.tableName } : {}),
      },
    };
    const prepared = prepareReportData(reportSource);
    this.state.prepared = prepared;
    const { audit } = prepared;
    const used = audit.transactions.days.length;
    const items: HTMLElement[] = [
      el(
        "p",
        {},
        t.qualitySummary(
          used,
          prepared.dataRows,
          audit.rowsWithProblems,
          audit.transactions.skippedBlankRows
        )
      ),
    ];
    if (audit.problemCount === 0 && prepared.optionalProblems.length === 0 && used > 0) {
      items.push(el("p", { className: "good" }, t.qualityAllGood));
    }
    if (audit.returnRows > 0) {
      items.push(el("p", {}, t.qualityReturns(audit.returnRows, audit.returnOnlyDays)));
    }
    const fieldOfArgument = (argument: string): FieldKey | undefined =>
      (["customerId", "date", "amount"] as const).find(
        (key) => columnNames[mapping[key]!] === argument
      );
    const list = el("ul", { className: "problems" });
    for (const problem of audit.problems.slice(0, LISTED_PROBLEMS)) {
      if (problem.row === undefined) {
        list.append(el("li", {}, problem.message));
        continue;
      }
      const key = fieldOfArgument(problem.argument);
      const reason =
        key === "customerId" || key === "date" || key === "amount"
          ? t.qualityReason[key]
          : t.qualityReason.other;
      const value = key
        ? cellText(source.values[problem.row - 1 + (this.state.hasHeader ? 1 : 0)]?.[mapping[key]!])
        : "";
      const sheetRow = sheetRowOf(prepared.source, problem.row);
      list.append(
        el(
          "li",
          {},
          t.qualityRow(sheetRow, problem.argument, reason),
          value ? el("span", { className: "bad-value" }, ` “${value}”`) : null
        )
      );
    }
    if (audit.problemCount > LISTED_PROBLEMS)
      list.append(el("li", {}, t.qualityMore(audit.problemCount - LISTED_PROBLEMS)));
    if (list.childElementCount > 0) items.push(list);
    const optionalCounts = new Map<string, number>();
    for (const problem of prepared.optionalProblems) {
      const name = columnNames[mapping[problem.field]!] ?? problem.field;
      optionalCounts.set(name, (optionalCounts.get(name) ?? 0) + 1);
    }
    for (const [name, rows] of optionalCounts)
      items.push(el("p", {}, t.optionalIgnored(name, rows)));
    if (used === 0)
      items.push(el("p", { className: "status error", id: "no-usable-rows" }, t.noUsableRows));
    quality.replaceChildren(...items);
    next.disabled = used === 0;
    if (used === 0) next.setAttribute("aria-describedby", "no-usable-rows");
    else next.removeAttribute("aria-describedby");
  }

  private renderPreview(): void {
    const t = this.t;
    const source = this.state.source!;
    const mapping = this.state.mapping!;
    const names = this.state.detected!.columnNames;
    const from = this.state.hasHeader ? 1 : 0;
    const rows = source.values.slice(from, from + PREVIEW_ROWS);
    const fieldOf = new Map<number, FieldKey>();
    for (const key of FIELD_KEYS) if (mapping[key] !== null) fieldOf.set(mapping[key]!, key);
    // The mapped columns come first (id, date, amount, …), so a narrow pane shows them without
    // scrolling; the others follow in sheet order.
    const order = [
      ...FIELD_KEYS.flatMap((key) => (mapping[key] === null ? [] : [mapping[key]!])),
      ...names.map((_, c) => c).filter((c) => !fieldOf.has(c)),
    ];
    const head = el(
      "tr",
      {},
      ...order.map((c) => {
        const name = names[c] ?? "";
        const key = fieldOf.get(c);
        return el(
          "th",
          { scope: "col", className: key ? "mapped" : undefined },
          name,
          key ? el("span", { className: "badge" }, t.fields[key]) : null
        );
      })
    );
    // Cells read as the sheet shows them (Range.text: a date cell as "1/1/1997", not 35431).
    // The date column adds how the add-in reads a cell when the sheet does not show a date
    // already: text ("2024年1月5日 → 2024-01-05") or a plain number ("35431 → 1997-01-01").
    const displayed = this.state.displayed;
    const shown = (value: unknown, r: number, c: number): (string | HTMLElement)[] => {
      const text = displayed?.[from + r]?.[c] ?? cellText(value);
      if (fieldOf.get(c) !== "date" || value === "" || value === null) return [text];
      let read: string;
      try {
        read = isoFromSerial(readDate(value, { argument: "", row: 1 }));
      } catch {
        return [text, el("span", { className: "reads-as bad" }, " ✗")];
      }
      const formattedDate = typeof value === "number" && text !== cellText(value);
      return read === text || formattedDate
        ? [text]
        : [text, el("span", { className: "reads-as" }, ` ${t.readsAs(read)}`)];
    };
    const body = rows.map((row, r) =>
      el(
        "tr",
        {},
        ...order.map((c) =>
          el("td", { className: fieldOf.has(c) ? "mapped" : undefined }, ...shown(row[c], r, c))
        )
      )
    );
    this.root
      .querySelector("#preview")!
      .replaceChildren(el("thead", {}, head), el("tbody", {}, ...body));
    this.root.querySelector("#preview-title")!.textContent = t.previewTitle(
      rows.length,
      source.values.length - from
    );
  }

  // ── Step 3: options ──

  private optionsStep(): HTMLElement {
    const t = this.t;
    const section = el(
      "section",
      { id: "step-options", className: "step-panel", "aria-labelledby": "step-options-title" },
      el("h2", { id: "step-options-title", tabindex: -1 }, t.optionsTitle),
      el("form", { id: "options-form", novalidate: true }),
      el("p", { id: "options-status", className: "status", role: "alert" }),
      el(
        "div",
        { className: "actions" },
        button("options-back", t.back),
        button("generate", t.generate, true)
      )
    );
    const form = section.querySelector("#options-form")!;
    form.addEventListener("input", (event) => this.onOptionInput(event.target, false));
    form.addEventListener("change", (event) => this.onOptionInput(event.target, true));
    section.querySelector("#options-back")!.addEventListener("click", () => this.show(1));
    section.querySelector("#generate")!.addEventListener("click", () => void this.generate());
    return section;
  }

  private renderOptions(): void {
    const t = this.t;
    const prepared = this.state.prepared!;
    const defaults = defaultReportOptions(prepared, this.options.language);
    const form = this.root.querySelector<HTMLFormElement>("#options-form")!;
    const period = el("select", { id: "opt-period" });
    for (const kind of ["month", "quarter", "year"] as const)
      period.append(el("option", { value: kind }, t.periods[kind]));
    const marginHint =
      prepared.suggestedMargin === undefined
        ? t.marginHint
        : t.marginFromCost(`${Math.round(prepared.suggestedMargin * 1000) / 10}%`);
    const percentOf = (fraction: number) => Math.round(fraction * 10_000) / 100;
    const thresholds = defaults.alertThresholds;
    /**
     * One RFM measure: its band edges as labelled inputs, the rule they make in words (updated
     * as they change, see refreshRules), and the errors of its inputs.
     */
    const bands = (
      key: "r" | "f" | "m",
      legend: string,
      edges: readonly { id: string; label: string; value: number; max?: number }[]
    ) =>
      el(
        "fieldset",
        { className: "bands", id: `bands-${key}` },
        el("legend", {}, legend),
        el(
          "div",
          { className: "band-inputs" },
          ...edges.map((edge) => {
            const input = numberInput(edge.id, edge.value, {
              min: 0,
              ...(edge.max === undefined ? { step: 1 } : { max: edge.max }),
            });
            describe(input, `rule-${key}`);
            return el(
              "div",
              { className: "band-input" },
              el("label", { for: edge.id }, edge.label),
              input
            );
          })
        ),
        el("p", { className: "band-rule", id: `rule-${key}`, "aria-live": "polite" }),
        ...edges.map((edge) => errorSlot(edge.id))
      );
    const b = t.bandLabels;
    const recency = bands("r", t.alertRecency, [
      { id: "opt-r-0", label: b.noAlert, value: thresholds.recencyDays[0] },
      { id: "opt-r-1", label: b.orange, value: thresholds.recencyDays[1] },
      { id: "opt-r-2", label: b.red, value: thresholds.recencyDays[2] },
    ]);
    const decline = (key: "f" | "m", legend: string, edges: readonly [number, number]) =>
      bands(key, legend, [
        { id: `opt-${key}-0`, label: b.yellow, value: percentOf(edges[0]), max: 100 },
        { id: `opt-${key}-1`, label: b.orange, value: percentOf(edges[1]), max: 100 },
      ]);
    const grades = el(
      "fieldset",
      { className: "bands", id: "grades" },
      el("legend", {}, t.gradeThresholds),
      el(
        "div",
        { className: "band-inputs" },
        ...(["a", "b", "c"] as const).map((g, i) =>
          el(
            "div",
            { className: "band-input" },
            el("label", { for: `opt-grade-${g}` }, t.gradeLabels[i]!),
            numberInput(`opt-grade-${g}`, defaults.gradeThresholds[g], { min: 1, step: 1 })
          )
        )
      ),
      ...OPTION_FIELDS.grades.map((id) => errorSlot(id))
    );
    const formulasBlocked = prepared.audit.rowsWithProblems > 0;
    const formulasChoice = el("input", {
      type: "radio",
      name: "mode",
      id: "mode-formulas",
      value: "formulas",
      disabled: formulasBlocked,
    });
    const output = el(
      "fieldset",
      { className: "choices" },
      el("legend", {}, t.outputTitle),
      el(
        "div",
        { className: "choice" },
        el("input", {
          type: "radio",
          name: "mode",
          id: "mode-values",
          value: "values",
          checked: true,
        }),
        el("label", { for: "mode-values" }, t.outputValues)
      ),
      el(
        "div",
        { className: "choice" },
        formulasChoice,
        el("label", { for: "mode-formulas" }, t.outputFormulas)
      ),
      formulasBlocked
        ? el(
            "p",
            { className: "hint reason", id: "mode-formulas-reason" },
            t.formulasBlocked(prepared.audit.rowsWithProblems)
          )
        : null,
      errorSlot("mode-formulas")
    );
    if (formulasBlocked) describe(formulasChoice, "mode-formulas-reason");
    form.replaceChildren(
      field(
        t.asOf,
        el("input", { id: "opt-as-of", type: "date", value: isoFromSerial(defaults.asOf) }),
        t.asOfHint(isoFromSerial(prepared.firstDay), isoFromSerial(prepared.lastDay))
      ),
      field(t.period, period),
      field(
        t.inactiveDays,
        numberInput("opt-inactive", defaults.inactiveDays, { min: 1, step: 1 }),
        t.inactiveHint(prepared.suggestedInactiveDays)
      ),
      field(
        t.margin,
        numberInput("opt-margin", Math.round(defaults.margin * 1000) / 10, { min: 0, max: 100 }),
        marginHint
      ),
      field(
        t.discountRate,
        numberInput("opt-discount", percentOf(defaults.discountRate), { min: 0, max: 100 })
      ),
      field(t.lifespan, numberInput("opt-lifespan", defaults.lifespanYears, { min: 1, step: 1 })),
      field(t.horizon, numberInput("opt-horizon", defaults.horizonMonths, { min: 1, step: 1 })),
      el("h3", {}, t.thresholdsTitle),
      recency,
      decline("f", t.alertFrequency, thresholds.frequencyDecline),
      decline("m", t.alertMonetary, thresholds.monetaryDecline),
      grades,
      output
    );
    this.shownErrors.clear();
    this.status("options-status", "");
    this.refreshRules();
  }

  /** Field ids whose error is on screen; they are re-checked as the user types. */
  private readonly shownErrors = new Set<string>();

  /** Checks the options form (see optionChecks.ts). */
  private checkOptions(): ReturnType<typeof checkOptionTexts> {
    const prepared = this.state.prepared!;
    return checkOptionTexts(
      (id) => this.root.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "",
      this.t,
      prepared.firstDay,
      isoFromSerial(prepared.firstDay)
    );
  }

  /**
   * Shows `errors` at their fields: those in `show` (or every one, by default) are marked, the
   * marks of corrected fields cleared. Returns the first marked field in the form's order.
   */
  private showOptionErrors(
    errors: ReadonlyMap<string, string>,
    show: ReadonlySet<string> | "all" = "all"
  ): HTMLElement | undefined {
    const form = this.root.querySelector<HTMLElement>("#step-options")!;
    for (const id of [...this.shownErrors, ...errors.keys()]) {
      const message = errors.get(id);
      const visible = message !== undefined && (show === "all" || show.has(id));
      markField(form, id, visible ? message : undefined);
      if (visible) this.shownErrors.add(id);
      else this.shownErrors.delete(id);
    }
    const count = this.shownErrors.size;
    if (count > 0) this.status("options-status", this.t.optionError.summary(count), "error");
    else this.status("options-status", "");
    return form.querySelector<HTMLElement>("[aria-invalid=true]") ?? undefined;
  }

  /** The RFM rules in words, from the band edges on the form; a measure with an error shows none. */
  private refreshRules(errors: ReadonlyMap<string, string> = this.checkOptions().errors): void {
    const t = this.t;
    const value = (id: string) =>
      parseEntry(this.root.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "");
    const rule = (key: "r" | "f" | "m", ids: readonly string[], text: () => string) => {
      const target = this.root.querySelector<HTMLElement>(`#rule-${key}`);
      if (!target) return;
      const ok = ids.every((id) => !errors.has(id));
      target.textContent = ok ? text() : "";
      target.hidden = !ok;
    };
    const [r0, r1, r2] = OPTION_FIELDS.recency.map(value) as [number, number, number];
    rule("r", OPTION_FIELDS.recency, () => t.recencyRule(r0, r1, r2));
    const percent = (n: number) => t.units.percent(Number(n.toPrecision(12)));
    for (const [key, ids] of [
      ["f", OPTION_FIELDS.frequency],
      ["m", OPTION_FIELDS.monetary],
    ] as const) {
      rule(key, ids, () => t.declineRule(percent(value(ids[0])), percent(value(ids[1]))));
    }
  }

  /** As the user types: the rules follow, and marked fields are re-checked (cleared when right). */
  private onOptionInput(target: EventTarget | null, committed: boolean): void {
    if (!(target instanceof HTMLInputElement)) return;
    const { errors } = this.checkOptions();
    this.refreshRules(errors);
    const show = new Set(this.shownErrors);
    if (committed && errors.has(target.id)) show.add(target.id);
    this.showOptionErrors(errors, show);
  }

  /** Reads the options form; problems are shown at their fields and undefined returned. */
  private readOptions(): ReportOptions | undefined {
    const check = this.checkOptions();
    this.refreshRules(check.errors);
    const first = this.showOptionErrors(check.errors);
    if (!check.options) {
      first?.focus();
      return undefined;
    }
    const defaults = defaultReportOptions(this.state.prepared!, this.options.language);
    const now = (this.options.now ?? (() => new Date()))();
    return {
      ...defaults,
      ...check.options,
      period: this.root.querySelector<HTMLSelectElement>("#opt-period")!.value as PeriodKind,
      mode: this.root.querySelector<HTMLInputElement>("#mode-formulas")!.checked
        ? "formulas"
        : "values",
      generatedAt: generatedAtText(now),
    };
  }

  // ── Step 4: generate ──

  private generateStep(): HTMLElement {
    const t = this.t;
    const section = el(
      "section",
      { id: "step-generate", className: "step-panel", "aria-labelledby": "step-generate-title" },
      el("h2", { id: "step-generate-title", tabindex: -1 }, t.generateTitle),
      el("progress", { id: "progress", max: 100, value: 0, "aria-labelledby": "generate-status" }),
      el("p", {
        id: "generate-status",
        className: "status",
        role: "status",
        "aria-live": "polite",
      }),
      el(
        "div",
        { className: "actions" },
        button("cancel", t.cancel),
        button("start-again", t.startAgain, true)
      )
    );
    section.querySelector("#cancel")!.addEventListener("click", () => this.abort?.abort());
    section.querySelector("#start-again")!.addEventListener("click", () => this.show(0));
    return section;
  }

  /**
   * Generate: the report is computed in a Web Worker (reportRunner.ts; on this thread where no
   * worker can run), then written through excelAdapter.ts. Cancel works throughout: while the
   * report is computed it terminates the worker at once (nothing has been written yet); while
   * it is written the writer stops and deletes the sheets it made.
   */
  private async generate(): Promise<void> {
    const t = this.t;
    const options = this.readOptions();
    if (!options) return;
    const prepared = this.state.prepared!;
    const section = this.root.querySelector<HTMLElement>("#step-generate")!;
    const progress = this.root.querySelector<HTMLProgressElement>("#progress")!;
    const cancel = this.root.querySelector<HTMLButtonElement>("#cancel")!;
    const again = this.root.querySelector<HTMLButtonElement>("#start-again")!;
    progress.value = 5;
    cancel.hidden = false;
    cancel.disabled = false;
    again.hidden = true;
    this.show(3);
    this.status("generate-status", t.computing);
    delete section.dataset.computedIn;
    const abort = new AbortController();
    this.abort = abort;
    let refused = false;
    try {
      let model: ReportWorkbook;
      try {
        const computed = await computeReport(prepared.source, options, prepared, {
          signal: abort.signal,
          onStage: (stage) => (progress.value = stage === "audit" ? 6 : 8),
        });
        // where the report was computed ("worker" or "main thread"), for the browser tests
        section.dataset.computedIn = computed.computedIn;
        model = computed.workbook;
      } catch (error) {
        if (!isCrmError(error)) throw error;
        refused = true;
        this.showRefusedOption(error);
        return;
      }
      progress.value = 10;
      const result = await writeReport(model, {
        signal: abort.signal,
        onProgress: (done, total) => {
          const percent = Math.round((100 * done) / Math.max(1, total));
          progress.value = Math.max(10, percent);
          this.status("generate-status", t.writing(percent));
        },
      });
      progress.value = 100;
      const done = t.done(result.sheets.map((sheet) => sheet.sheetName));
      // text over Excel's cell limit was cut by the writer: say where, never silently
      const cut = result.cutCells.length > 0 ? ` ${t.textCut(result.cutCells)}` : "";
      this.status("generate-status", done + cut, "success");
    } catch (error) {
      progress.value = 0;
      if (error instanceof CancelledError) this.status("generate-status", t.cancelled, "info");
      else
        this.status(
          "generate-status",
          t.failed(error instanceof Error ? error.message : String(error)),
          "error"
        );
    } finally {
      this.abort = undefined;
      cancel.hidden = true;
      again.hidden = false;
      if (!refused) again.focus();
    }
  }

  /** An option the core refused (a CrmError naming it): back to the options, the error at its field. */
  private showRefusedOption(error: CrmError): void {
    const t = this.t;
    // The core's message names its own arguments in English: show ours, at the field.
    this.show(2, false);
    const fieldId = fieldOfArgument(error.argument);
    if (fieldId === undefined) {
      this.status("options-status", t.optionError.notPossible, "error");
      return;
    }
    const ours = this.checkOptions().errors.get(fieldId);
    const rows = this.state.prepared!.audit.rowsWithProblems;
    const message =
      ours ??
      (fieldId === "mode-formulas" && rows > 0
        ? t.formulasBlocked(rows)
        : t.optionError.rejected(optionNameOf(fieldId, t)));
    this.showOptionErrors(new Map([[fieldId, message]]));
    this.root.querySelector<HTMLElement>(`#${fieldId}`)?.focus();
  }
}
