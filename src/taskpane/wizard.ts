/**
 * The report wizard (SPEC §4): choose the data → match the columns (with a preview and the
 * data-quality report) → options → generate. It gathers options and orchestrates; the numbers
 * come from the core (report.ts builds the sheet as a {@link ReportModel}) and the workbook is
 * touched only through excelAdapter.ts.
 *
 * Every piece of text from the workbook (headers, cells, table names) is put on the page with
 * `textContent`, never as HTML.
 */

import { isoFromSerial, serialFromYmd } from "../core/dates";
import { isCrmError } from "../core/errors";
import { readDate } from "../core/input";
import {
  detectColumns,
  FIELD_KEYS,
  mappingProblems,
  REQUIRED_FIELDS,
  type ColumnMapping,
  type DetectedColumns,
  type FieldKey,
} from "../core/mapping";
import {
  buildReport,
  defaultReportOptions,
  generatedAtText,
  prepareReportData,
  sheetRowOf,
  type PreparedData,
  type ReportOptions,
  type ReportSource,
} from "../core/report";
import type { PeriodKind } from "../core/customerBase";
import type { ReportLanguage } from "../i18n/report.strings";
import { TASKPANE_STRINGS, type TaskpaneStrings } from "../i18n/taskpane.strings";
import {
  CancelledError,
  listTables,
  readSource,
  writeReport,
  type SourceData,
  type SourceKind,
} from "./excelAdapter";

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
  if (hintElement) input.setAttribute("aria-describedby", hintElement.id);
  return el("div", { className: "field" }, el("label", { for: id }, label), input, hintElement);
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
        name
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
    const radio = (value: SourceKind, label: string, checked = false) => {
      const id = `source-${value}`;
      return el(
        "div",
        { className: "choice" },
        el("input", { type: "radio", name: "source", id, value, checked }),
        el("label", { for: id }, label)
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
        radio("table", t.sourceTable)
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

  private async loadTables(): Promise<void> {
    const select = this.root.querySelector<HTMLSelectElement>("#source-table-name")!;
    try {
      const tables = await listTables();
      select.replaceChildren(
        ...tables.map((table) =>
          el("option", { value: table.name }, `${table.name} (${table.sheetName})`)
        )
      );
      if (tables.length === 0) select.append(el("option", { value: "" }, this.t.noTables));
    } catch {
      select.replaceChildren(el("option", { value: "" }, this.t.noTables));
    }
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
      const detected = detectColumns(source.values);
      this.state.detected = detected;
      this.state.hasHeader = detected.hasHeader;
      this.state.mapping = detected.mapping;
      this.renderMapping();
      this.show(1);
    } catch (error) {
      this.status(
        "data-status",
        t.failed(error instanceof Error ? error.message : String(error)),
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
    if (used === 0) items.push(el("p", { className: "status error" }, t.noUsableRows));
    quality.replaceChildren(...items);
    next.disabled = used === 0;
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
    const head = el(
      "tr",
      {},
      ...names.map((name, c) => {
        const key = fieldOf.get(c);
        return el(
          "th",
          { scope: "col", className: key ? "mapped" : undefined },
          name,
          key ? el("span", { className: "badge" }, t.fields[key]) : null
        );
      })
    );
    // The date column shows how the add-in reads each cell (a serial number as its date).
    const shown = (value: unknown, c: number): (string | HTMLElement)[] => {
      if (fieldOf.get(c) !== "date" || value === "" || value === null) return [cellText(value)];
      let read: string;
      try {
        read = isoFromSerial(readDate(value, { argument: "", row: 1 }));
      } catch {
        return [cellText(value), el("span", { className: "reads-as bad" }, " ✗")];
      }
      return read === cellText(value)
        ? [read]
        : [cellText(value), el("span", { className: "reads-as" }, ` ${t.readsAs(read)}`)];
    };
    const body = rows.map((row) =>
      el(
        "tr",
        {},
        ...names.map((_, c) =>
          el("td", { className: fieldOf.has(c) ? "mapped" : undefined }, ...shown(row[c], c))
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
    const thresholds = defaults.alertThresholds;
    const grid = el(
      "table",
      { className: "thresholds" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("td"),
          el("th", { scope: "col" }, t.alertRecency),
          el("th", { scope: "col" }, t.alertFrequency),
          el("th", { scope: "col" }, t.alertMonetary)
        )
      ),
      el(
        "tbody",
        {},
        ...(["yellow", "orange", "red"] as const).map((level, i) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, t.levels[level]),
            el(
              "td",
              {},
              numberInput(`opt-r-${i}`, thresholds.recencyDays[i]!, {
                min: 0,
                step: 1,
                "aria-label": `${t.levels[level]} ${t.alertRecency}`,
              })
            ),
            el(
              "td",
              {},
              i < 2
                ? numberInput(`opt-f-${i}`, thresholds.frequencyDecline[i]! * 100, {
                    min: 0,
                    max: 100,
                    "aria-label": `${t.levels[level]} ${t.alertFrequency}`,
                  })
                : null
            ),
            el(
              "td",
              {},
              i < 2
                ? numberInput(`opt-m-${i}`, thresholds.monetaryDecline[i]! * 100, {
                    min: 0,
                    max: 100,
                    "aria-label": `${t.levels[level]} ${t.alertMonetary}`,
                  })
                : null
            )
          )
        )
      )
    );
    const grades = el(
      "div",
      { className: "inline-inputs", role: "group", "aria-label": t.gradeThresholds },
      ...(["a", "b", "c"] as const).map((g) =>
        numberInput(`opt-grade-${g}`, defaults.gradeThresholds[g], {
          min: 1,
          step: 1,
          "aria-label": `${t.gradeThresholds}: ${g.toUpperCase()}`,
        })
      )
    );
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
        el("input", {
          type: "radio",
          name: "mode",
          id: "mode-formulas",
          value: "formulas",
          disabled: prepared.audit.rowsWithProblems > 0,
        }),
        el("label", { for: "mode-formulas" }, t.outputFormulas)
      ),
      prepared.audit.rowsWithProblems > 0
        ? el("p", { className: "hint" }, t.formulasBlocked(prepared.audit.rowsWithProblems))
        : null
    );
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
        numberInput("opt-discount", defaults.discountRate * 100, { min: 0, max: 100 })
      ),
      field(t.lifespan, numberInput("opt-lifespan", defaults.lifespanYears, { min: 1, step: 1 })),
      field(t.horizon, numberInput("opt-horizon", defaults.horizonMonths, { min: 1, step: 1 })),
      el("h3", {}, t.thresholdsTitle),
      grid,
      el(
        "div",
        { className: "field" },
        el("span", { className: "label" }, t.gradeThresholds),
        grades
      ),
      output
    );
    this.status("options-status", "");
  }

  /** Reads the options form; a bad entry is reported and undefined returned. */
  private readOptions(): ReportOptions | undefined {
    const t = this.t;
    const value = (id: string) => this.root.querySelector<HTMLInputElement>(`#${id}`)!.value.trim();
    const num = (id: string, label: string): number => {
      const text = value(id).replace(",", ".");
      const parsed = text === "" ? Number.NaN : Number(text);
      if (!Number.isFinite(parsed)) throw new OptionError(label);
      return parsed;
    };
    try {
      const asOfText = value("opt-as-of");
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOfText);
      if (!match) throw new OptionError(t.asOf);
      const defaults = defaultReportOptions(this.state.prepared!, this.options.language);
      const now = (this.options.now ?? (() => new Date()))();
      return {
        ...defaults,
        asOf: serialFromYmd(Number(match[1]), Number(match[2]), Number(match[3])),
        period: value("opt-period") as PeriodKind,
        inactiveDays: num("opt-inactive", t.inactiveDays),
        margin: num("opt-margin", t.margin) / 100,
        discountRate: num("opt-discount", t.discountRate) / 100,
        lifespanYears: num("opt-lifespan", t.lifespan),
        horizonMonths: num("opt-horizon", t.horizon),
        alertThresholds: {
          recencyDays: [
            num("opt-r-0", t.alertRecency),
            num("opt-r-1", t.alertRecency),
            num("opt-r-2", t.alertRecency),
          ],
          frequencyDecline: [
            num("opt-f-0", t.alertFrequency) / 100,
            num("opt-f-1", t.alertFrequency) / 100,
          ],
          monetaryDecline: [
            num("opt-m-0", t.alertMonetary) / 100,
            num("opt-m-1", t.alertMonetary) / 100,
          ],
        },
        gradeThresholds: {
          a: num("opt-grade-a", t.gradeThresholds),
          b: num("opt-grade-b", t.gradeThresholds),
          c: num("opt-grade-c", t.gradeThresholds),
        },
        mode: this.root.querySelector<HTMLInputElement>("#mode-formulas")!.checked
          ? "formulas"
          : "values",
        generatedAt: generatedAtText(now),
      };
    } catch (error) {
      if (!(error instanceof OptionError)) throw error;
      this.status("options-status", t.invalidOption(error.message, t.notANumber), "error");
      return undefined;
    }
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

  private async generate(): Promise<void> {
    const t = this.t;
    const options = this.readOptions();
    if (!options) return;
    const progress = this.root.querySelector<HTMLProgressElement>("#progress")!;
    const cancel = this.root.querySelector<HTMLButtonElement>("#cancel")!;
    const again = this.root.querySelector<HTMLButtonElement>("#start-again")!;
    progress.value = 5;
    cancel.hidden = false;
    cancel.disabled = false;
    again.hidden = true;
    this.show(3);
    this.status("generate-status", t.computing);
    // Let the page paint "Computing…" before the synchronous computation.
    await new Promise((resolve) => setTimeout(resolve, 30));
    let model;
    try {
      model = buildReport(this.state.prepared!, options);
    } catch (error) {
      if (!isCrmError(error)) throw error;
      this.show(2);
      this.status("options-status", t.invalidOption(error.argument ?? "", error.message), "error");
      return;
    }
    progress.value = 10;
    this.abort = new AbortController();
    try {
      const result = await writeReport(model, {
        signal: this.abort.signal,
        onProgress: (done, total) => {
          const percent = Math.round((100 * done) / Math.max(1, total));
          progress.value = Math.max(5, percent);
          this.status("generate-status", t.writing(percent));
        },
      });
      progress.value = 100;
      this.status("generate-status", t.done(result.sheetName), "success");
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
      again.focus();
    }
  }
}

class OptionError extends Error {}
