/*
 * A local stand-in for office.js, for tests only: served in place of
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js when the built task pane runs in
 * headless Chromium (test/browser/taskpane.browser.test.ts), and loaded in Node by
 * test/taskpane/officeStandIn.test.ts. It models one workbook in memory with the part of the
 * Excel JavaScript API that src/taskpane/excelAdapter.ts uses, and exposes it for inspection as
 * `__workbook` (seed, snapshot, failNextSyncAfter).
 *
 * Lenient where Office is strict: properties can be read without load() (office-addin-mock,
 * in test/taskpane/excelAdapter.test.ts, checks the load/sync discipline). Strict where a
 * mistake would hide a bug: adding a sheet or table with a taken name throws, as Excel does;
 * text written with a leading apostrophe is stored without it, as Excel does.
 */
(function (root) {
  "use strict";

  // ── Addresses ──

  function letters(column) {
    let text = "";
    for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) {
      text = String.fromCharCode(65 + ((c - 1) % 26)) + text;
    }
    return text;
  }

  function columnIndex(text) {
    let n = 0;
    for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }

  function parseCell(text) {
    const match = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(text);
    if (!match) throw new Error(`stand-in: bad cell address ${text}`);
    return { row: Number(match[2]) - 1, column: columnIndex(match[1]) };
  }

  function parseAddress(address) {
    const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
    const [first, last = first] = local.split(":");
    const a = parseCell(first);
    const b = parseCell(last);
    return {
      row: Math.min(a.row, b.row),
      column: Math.min(a.column, b.column),
      rows: Math.abs(b.row - a.row) + 1,
      columns: Math.abs(b.column - a.column) + 1,
    };
  }

  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  }

  function localAddress(r) {
    const first = `${letters(r.column)}${r.row + 1}`;
    if (r.rows === 1 && r.columns === 1) return first;
    return `${first}:${letters(r.column + r.columns - 1)}${r.row + r.rows}`;
  }

  // ── The workbook ──

  const book = {
    sheets: [],
    tables: [],
    selection: null,
    activeSheet: null,
    syncCount: 0,
    failAfter: -1,
  };

  function findSheet(name) {
    return book.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
  }

  function newSheet(name) {
    if (findSheet(name)) throw new Error(`stand-in: a sheet named "${name}" already exists`);
    if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new Error(`stand-in: bad sheet name "${name}"`);
    const sheet = {
      name,
      cells: new Map(),
      styles: [],
      charts: [],
      conditionalFormats: [],
      columnWidths: {},
      frozenRows: 0,
    };
    book.sheets.push(sheet);
    if (!book.activeSheet) book.activeSheet = sheet;
    return sheet;
  }

  function cell(sheet, row, column, create) {
    const key = `${row},${column}`;
    let found = sheet.cells.get(key);
    if (!found && create) {
      found = { value: "", formula: null, numberFormat: "General" };
      sheet.cells.set(key, found);
    }
    return found;
  }

  /** What Excel stores for a written entry: a formula, text (apostrophe dropped) or a value. */
  function store(target, entry) {
    if (typeof entry === "string" && entry.startsWith("=") && entry.length > 1) {
      target.formula = entry;
      target.value = "";
    } else if (typeof entry === "string" && entry.startsWith("'")) {
      target.formula = null;
      target.value = entry.slice(1);
    } else {
      target.formula = null;
      target.value = entry === null || entry === undefined ? "" : entry;
    }
  }

  function matrix(r, read) {
    const rows = [];
    for (let i = 0; i < r.rows; i++) {
      const row = [];
      for (let j = 0; j < r.columns; j++) row.push(read(r.row + i, r.column + j));
      rows.push(row);
    }
    return rows;
  }

  function writeMatrix(sheet, r, values, write, what) {
    if (!Array.isArray(values) || values.length !== r.rows || values.some((row) => row.length !== r.columns)) {
      throw new Error(`stand-in: ${what} of ${r.rows}×${r.columns} cells expected at ${localAddress(r)}`);
    }
    values.forEach((row, i) => row.forEach((entry, j) => write(cell(sheet, r.row + i, r.column + j, true), entry)));
  }

  function usedExtent(sheet) {
    let rows = 0;
    let columns = 0;
    for (const [key, c] of sheet.cells) {
      if (c.value === "" && c.formula === null) continue;
      const [row, column] = key.split(",").map(Number);
      rows = Math.max(rows, row + 1);
      columns = Math.max(columns, column + 1);
    }
    return { rows, columns };
  }

  function hasContent(sheet, row, column) {
    const c = cell(sheet, row, column, false);
    return Boolean(c && (c.value !== "" || c.formula !== null));
  }

  /** Excel's current region: grow the box while a cell next to it has content. */
  function surroundingRegion(sheet, start) {
    let { row, column } = start;
    let lastRow = row;
    let lastColumn = column;
    for (let grew = true; grew; ) {
      grew = false;
      const any = (r0, c0, r1, c1) => {
        for (let r = Math.max(0, r0); r <= r1; r++) for (let c = Math.max(0, c0); c <= c1; c++) if (hasContent(sheet, r, c)) return true;
        return false;
      };
      if (row > 0 && any(row - 1, column - 1, row - 1, lastColumn + 1)) (row--, (grew = true));
      if (any(lastRow + 1, column - 1, lastRow + 1, lastColumn + 1)) (lastRow++, (grew = true));
      if (column > 0 && any(row - 1, column - 1, lastRow + 1, column - 1)) (column--, (grew = true));
      if (any(row - 1, lastColumn + 1, lastRow + 1, lastColumn + 1)) (lastColumn++, (grew = true));
    }
    return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
  }

  // ── API objects ──

  const loadable = {
    load() {
      return this;
    },
    toJSON() {
      return {};
    },
  };

  /** An API object: loadable, with its getters and setters kept (Object.assign would copy values). */
  function make(props) {
    return Object.defineProperties(Object.create(loadable), Object.getOwnPropertyDescriptors(props));
  }

  function rangeObject(sheet, r) {
    const sheetObject = () => worksheetObject(sheet);
    const styleTarget = {};
    const recordStyle = (path, value) => sheet.styles.push({ address: localAddress(r), path, value });
    const fontProxy = {};
    for (const name of ["bold", "italic", "size", "color"]) {
      Object.defineProperty(fontProxy, name, { set: (v) => recordStyle(`font.${name}`, v), get: () => undefined });
    }
    const format = {
      font: fontProxy,
      fill: {},
      borders: {
        getItem(index) {
          return {
            set style(v) {
              recordStyle(`border.${index}.style`, v);
            },
            set color(v) {
              recordStyle(`border.${index}.color`, v);
            },
          };
        },
      },
    };
    Object.defineProperty(format.fill, "color", { set: (v) => recordStyle("fill.color", v), get: () => undefined });
    for (const name of ["horizontalAlignment", "verticalAlignment", "wrapText"]) {
      Object.defineProperty(format, name, { set: (v) => recordStyle(name, v), get: () => undefined });
    }
    Object.defineProperty(format, "columnWidth", {
      set: (v) => {
        for (let c = r.column; c < r.column + r.columns; c++) sheet.columnWidths[c] = v;
      },
      get: () => sheet.columnWidths[r.column] ?? 64,
    });
    void styleTarget;
    return make({
      get address() {
        return `${quoteSheet(sheet.name)}!${localAddress(r)}`;
      },
      get rowCount() {
        return r.rows;
      },
      get columnCount() {
        return r.columns;
      },
      get rowIndex() {
        return r.row;
      },
      get columnIndex() {
        return r.column;
      },
      get worksheet() {
        return sheetObject();
      },
      get values() {
        return matrix(r, (row, column) => cell(sheet, row, column, false)?.value ?? "");
      },
      set values(values) {
        writeMatrix(sheet, r, values, store, "values");
      },
      get formulas() {
        return matrix(r, (row, column) => {
          const c = cell(sheet, row, column, false);
          return c ? (c.formula ?? c.value) : "";
        });
      },
      set formulas(values) {
        writeMatrix(sheet, r, values, store, "formulas");
      },
      get numberFormat() {
        return matrix(r, (row, column) => cell(sheet, row, column, false)?.numberFormat ?? "General");
      },
      set numberFormat(values) {
        writeMatrix(sheet, r, values, (target, entry) => (target.numberFormat = entry), "numberFormat");
      },
      format,
      conditionalFormats: {
        add(type) {
          const rule = { type, address: localAddress(r), colorScale: { criteria: null }, custom: { rule: { formula: null }, format: { fill: {}, font: {} } } };
          sheet.conditionalFormats.push(rule);
          return rule;
        },
      },
      getSurroundingRegion() {
        return rangeObject(sheet, surroundingRegion(sheet, r));
      },
      select() {
        book.selection = { sheet, range: r };
      },
    });
  }

  function tableObject(table) {
    return make({
      get name() {
        return table.name;
      },
      set name(name) {
        if (book.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase())) {
          throw new Error(`stand-in: a table named "${name}" already exists`);
        }
        table.name = name;
      },
      get style() {
        return table.style;
      },
      set style(style) {
        table.style = style;
      },
      get worksheet() {
        return worksheetObject(table.sheet);
      },
      getRange() {
        return rangeObject(table.sheet, table.range);
      },
    });
  }

  function worksheetObject(sheet) {
    return make({
      get name() {
        return sheet.name;
      },
      isNullObject: false,
      getRange(address) {
        return rangeObject(sheet, parseAddress(address ?? "A1"));
      },
      getRangeByIndexes(row, column, rows, columns) {
        return rangeObject(sheet, { row, column, rows, columns });
      },
      getUsedRange() {
        const { rows, columns } = usedExtent(sheet);
        return rangeObject(sheet, { row: 0, column: 0, rows: Math.max(1, rows), columns: Math.max(1, columns) });
      },
      activate() {
        book.activeSheet = sheet;
      },
      delete() {
        book.sheets = book.sheets.filter((s) => s !== sheet);
        book.tables = book.tables.filter((t) => t.sheet !== sheet);
        if (book.activeSheet === sheet) book.activeSheet = book.sheets[0] ?? null;
      },
      freezePanes: {
        freezeRows(n) {
          sheet.frozenRows = n;
        },
      },
      tables: {
        add(target, hasHeaders) {
          const range = typeof target === "string" ? parseAddress(target) : { row: target.rowIndex, column: target.columnIndex, rows: target.rowCount, columns: target.columnCount };
          let n = book.tables.length + 1;
          while (book.tables.some((t) => t.name === `Table${n}`)) n++;
          const table = { name: `Table${n}`, sheet, range, hasHeaders, style: "TableStyleMedium2" };
          book.tables.push(table);
          return tableObject(table);
        },
      },
      charts: {
        add(type, source, seriesBy) {
          const chart = {
            type,
            seriesBy,
            source: localAddress({ row: source.rowIndex, column: source.columnIndex, rows: source.rowCount, columns: source.columnCount }),
            title: { text: "" },
            legend: { position: "Right" },
            axes: { valueAxis: { numberFormat: "General" } },
            categories: [],
            position: null,
          };
          sheet.charts.push(chart);
          return {
            title: chart.title,
            legend: chart.legend,
            axes: chart.axes,
            series: {
              getItemAt(i) {
                if (i >= source.columnCount) throw new Error(`stand-in: no series ${i}`);
                return {
                  setXAxisValues(range) {
                    chart.categories[i] = localAddress({ row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount });
                  },
                };
              },
            },
            setPosition(start, end) {
              chart.position = `${start}:${end}`;
            },
          };
        },
      },
    });
  }

  const nullSheet = make({ isNullObject: true, delete() {} });

  const workbookObject = {
    worksheets: make({
      get items() {
        return book.sheets.map(worksheetObject);
      },
      add(name) {
        return worksheetObject(newSheet(name));
      },
      getItem(name) {
        const sheet = findSheet(name);
        if (!sheet) throw new Error(`stand-in: no sheet "${name}"`);
        return worksheetObject(sheet);
      },
      getItemOrNullObject(name) {
        const sheet = findSheet(name);
        return sheet ? worksheetObject(sheet) : nullSheet;
      },
      getActiveWorksheet() {
        return worksheetObject(book.activeSheet);
      },
    }),
    tables: make({
      get items() {
        return book.tables.map(tableObject);
      },
      getItem(name) {
        const table = book.tables.find((t) => t.name === name);
        if (!table) throw new Error(`stand-in: no table "${name}"`);
        return tableObject(table);
      },
    }),
    getSelectedRange() {
      if (!book.selection) throw new Error("stand-in: nothing is selected");
      return rangeObject(book.selection.sheet, book.selection.range);
    },
  };

  const context = {
    workbook: workbookObject,
    sync() {
      book.syncCount++;
      if (book.failAfter >= 0) {
        if (book.failAfter === 0) {
          book.failAfter = -1;
          return Promise.reject(new Error("stand-in: injected failure"));
        }
        book.failAfter--;
      }
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  };

  // ── Inspection ──

  root.__workbook = {
    /** Puts the user's data on a sheet (made if needed), optionally as a named table and selected. */
    seed(sheetName, topLeft, values, options = {}) {
      const sheet = findSheet(sheetName) ?? newSheet(sheetName);
      const start = parseCell(topLeft);
      const r = { row: start.row, column: start.column, rows: values.length, columns: Math.max(...values.map((row) => row.length)) };
      values.forEach((row, i) => row.forEach((value, j) => (cell(sheet, r.row + i, r.column + j, true).value = value)));
      if (options.tableName) book.tables.push({ name: options.tableName, sheet, range: r, hasHeaders: true, style: "TableStyleLight1" });
      if (options.select !== false) {
        book.selection = { sheet, range: typeof options.select === "string" ? parseAddress(options.select) : r };
        book.activeSheet = sheet;
      }
    },
    /** Every sheet as plain data: values and formulas from A1 to the used extent, and its objects. */
    snapshot() {
      return book.sheets.map((sheet) => {
        const { rows, columns } = usedExtent(sheet);
        const r = { row: 0, column: 0, rows, columns };
        return {
          name: sheet.name,
          values: matrix(r, (row, column) => cell(sheet, row, column, false)?.value ?? ""),
          formulas: matrix(r, (row, column) => cell(sheet, row, column, false)?.formula ?? null),
          numberFormats: matrix(r, (row, column) => cell(sheet, row, column, false)?.numberFormat ?? "General"),
          tables: book.tables.filter((t) => t.sheet === sheet).map((t) => ({ name: t.name, address: localAddress(t.range), style: t.style })),
          charts: sheet.charts.map((c) => ({ type: c.type, title: c.title.text, source: c.source, categories: c.categories, position: c.position, valueAxisFormat: c.axes.valueAxis.numberFormat })),
          conditionalFormats: sheet.conditionalFormats.map((f) => ({
            type: f.type,
            address: f.address,
            criteria: f.colorScale.criteria,
            formula: f.custom.rule.formula,
            fill: f.custom.format.fill.color ?? null,
          })),
          styles: sheet.styles.map((style) => ({ ...style })),
          columnWidths: { ...sheet.columnWidths },
          frozenRows: sheet.frozenRows,
          active: book.activeSheet === sheet,
        };
      });
    },
    get syncCount() {
      return book.syncCount;
    },
    /** The next sync after `n` more successful ones fails. */
    failNextSyncAfter(n) {
      book.failAfter = n;
    },
  };

  // ── Globals ──

  const query = typeof location !== "undefined" ? new URLSearchParams(location.search) : new URLSearchParams();
  const displayLanguage = root.__officeDisplayLanguage ?? query.get("lang") ?? "en-US";

  root.Excel = {
    run(callback) {
      return Promise.resolve().then(() => callback(context));
    },
    ChartType: { line: "Line", columnClustered: "ColumnClustered", pie: "Pie" },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ChartLegendPosition: { bottom: "Bottom", right: "Right", top: "Top", left: "Left" },
    ConditionalFormatType: { colorScale: "ColorScale", custom: "Custom" },
    ConditionalFormatColorCriterionType: {
      lowestValue: "LowestValue",
      highestValue: "HighestValue",
      percentile: "Percentile",
      number: "Number",
      percent: "Percent",
    },
    BorderIndex: {
      edgeTop: "EdgeTop",
      edgeBottom: "EdgeBottom",
      edgeLeft: "EdgeLeft",
      edgeRight: "EdgeRight",
      insideVertical: "InsideVertical",
      insideHorizontal: "InsideHorizontal",
    },
    BorderLineStyle: { continuous: "Continuous", none: "None" },
  };

  const info = { host: "Excel", platform: "OfficeOnline" };
  root.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac", iOS: "iOS" },
    context: { displayLanguage },
    actions: { associate() {} },
    onReady(callback) {
      const ready = Promise.resolve(info);
      if (callback) ready.then(callback);
      return ready;
    },
  };

  class CustomFunctionsError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  root.CustomFunctions = {
    associate() {},
    Error: CustomFunctionsError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    },
  };
})(typeof window !== "undefined" ? window : globalThis);
