/*
 * A local stand-in for office.js, for tests only. It is served in place of
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js when the built task pane runs in
 * headless Chromium (test/browser/taskpane.browser.test.ts), and loaded in Node by
 * test/taskpane/officeStandIn.test.ts, which runs src/taskpane/excelAdapter.ts against it.
 *
 * It models one workbook in memory with the part of the Excel JavaScript API that the adapter
 * uses, and nothing more, so a new call in the adapter fails here until it is modelled:
 *   Excel.run(batch) → a RequestContext with workbook and sync()
 *   workbook: worksheets, tables, names, getSelectedRange()
 *   worksheets: items, add, getItem, getItemOrNullObject, getActiveWorksheet
 *   worksheet: name, id, getRange, getRangeByIndexes, getUsedRange(OrNullObject), tables.add,
 *     charts.add, freezePanes (freezeRows, freezeColumns, freezeAt), activate, delete,
 *     pageLayout (ExcelApi 1.9: orientation, zoom, setPrintArea, setPrintTitleRows)
 *   range: address, rowCount, columnCount, rowIndex, columnIndex, worksheet, values, formulas,
 *     numberFormat, text (read only: values through their number formats, see displayText), format (font, fill, borders, alignment, wrapText, columnWidth, rowHeight),
 *     conditionalFormats.add (colour scale, custom), getSurroundingRegion,
 *     getUsedRangeOrNullObject, select
 *   table: name, style, worksheet, getRange; chart: title (text, format.font.size), legend
 *     (position, visible), format.font.size, axes.valueAxis, axes.categoryAxis (reversePlotOrder,
 *     position),
 *     series.getItemAt (delete, setXAxisValues, setValues), setPosition
 *
 * Like Office, it queues every change and applies the queue at context.sync(): a request over
 * the payload limit (5,000,000 bytes of JSON by default) is refused whole, and an operation
 * that fails (a taken sheet or table name, a missing chart series) fails the sync with the
 * operations before it applied. Written text is read as Excel reads typed input: "=…", "+…",
 * "-…" become formulas, "00123" a number, "2024-03-01" a date serial, "TRUE" a boolean, and
 * an apostrophe keeps the rest as text (stored without it). A null entry leaves its cell as it
 * is, as in Office. Lenient where office-addin-mock (test/taskpane/excelAdapter.test.ts) is
 * strict: properties can be read without load(), so load() only counts response bytes.
 *
 * Inspection, as `window.__workbook` (see its doc comments at the end): seed, snapshot /
 * sheets, sheet(name), syncCount, requests, failNextSyncAfter, payloadLimit, defineName.
 *
 * Office.context: displayLanguage from `window.__officeDisplayLanguage` or the page's `?lang=`;
 * officeTheme (bodyBackgroundColor, bodyForegroundColor, controlBackgroundColor,
 * controlForegroundColor, isDarkTheme) from `window.__officeTheme`, or `?theme=light|dark`
 * (light by default; dark is like Office's Black theme).
 */
/* global window, location, URLSearchParams, setTimeout */
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
    const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text);
    if (!match) throw new OfficeError("InvalidArgument", `stand-in: bad cell address "${text}"`);
    return { row: Number(match[2]) - 1, column: columnIndex(match[1]) };
  }

  /** "Sheet1!B2:C9", "'My sheet'!B2", "B2:C9" → { sheetName (or null), range }. */
  function parseAddress(address) {
    const bang = address.lastIndexOf("!");
    const sheetName =
      bang < 0
        ? null
        : address
            .slice(0, bang)
            .replace(/^'(.*)'$/, "$1")
            .replace(/''/g, "'");
    const [first, last = first] = address.slice(bang + 1).split(":");
    const a = parseCell(first);
    const b = parseCell(last);
    const range = {
      row: Math.min(a.row, b.row),
      column: Math.min(a.column, b.column),
      rows: Math.abs(b.row - a.row) + 1,
      columns: Math.abs(b.column - a.column) + 1,
    };
    return { sheetName, range };
  }

  function quoteSheet(name) {
    // Excel quotes a name unless it is letters (any script), digits, _ and . not starting with a
    // digit, and not readable as a cell reference
    const plain =
      /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
      !/^[A-Za-z]{1,3}\d+$/.test(name) &&
      !/^[RC]\d*$/i.test(name);
    return plain ? name : `'${name.replace(/'/g, "''")}'`;
  }

  function localAddress(r) {
    const first = `${letters(r.column)}${r.row + 1}`;
    if (r.rows === 1 && r.columns === 1) return first;
    return `${first}:${letters(r.column + r.columns - 1)}${r.row + r.rows}`;
  }

  function overlaps(a, b) {
    return (
      a.row < b.row + b.rows &&
      b.row < a.row + a.rows &&
      a.column < b.column + b.columns &&
      b.column < a.column + a.columns
    );
  }

  function intersect(a, b) {
    const row = Math.max(a.row, b.row);
    const column = Math.max(a.column, b.column);
    const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
    const columns = Math.min(a.column + a.columns, b.column + b.columns) - column;
    return rows > 0 && columns > 0 ? { row, column, rows, columns } : null;
  }

  // ── Sizes and errors ──

  /** UTF-8 bytes of a value's JSON. */
  function jsonBytes(value) {
    const text = JSON.stringify(value) ?? "";
    let bytes = text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
    }
    return bytes;
  }

  /** Roughly what one queued call weighs in office.js's request. */
  const ACTION_BYTES = 100;

  /** An error shaped like OfficeExtension.Error: a code and a message. */
  class OfficeError extends Error {
    constructor(code, message) {
      super(message);
      this.name = "RichApi.Error";
      this.code = code;
    }
  }

  // ── The workbook ──

  const book = {
    sheets: [],
    tables: [],
    names: [],
    selection: null,
    activeSheet: null,
    syncCount: 0,
    failAfter: -1,
    requests: [],
    payloadLimit: 5_000_000,
    nextSheetId: 1,
  };

  function findSheet(key) {
    const text = String(key).toLowerCase();
    return book.sheets.find((s) => s.name.toLowerCase() === text || s.id === key);
  }

  function sheetRecord(name) {
    return {
      id: `{00000000-0001-0000-${String(book.nextSheetId++).padStart(4, "0")}-000000000000}`,
      name,
      cells: new Map(),
      styles: [],
      charts: [],
      conditionalFormats: [],
      columnWidths: {},
      rowHeights: {},
      frozenRows: 0,
      frozenColumns: 0,
      // Excel's defaults: portrait, 100 %, no print area or titles
      pageLayout: {
        orientation: "Portrait",
        zoom: { scale: 100 },
        printArea: null,
        printTitleRows: null,
      },
    };
  }

  /** Adds a sheet as Excel does: the name must be free (in any case) and valid. */
  function attachSheet(sheet) {
    if (findSheet(sheet.name))
      throw new OfficeError(
        "ItemAlreadyExists",
        `stand-in: a sheet named "${sheet.name}" already exists`
      );
    if (
      !sheet.name ||
      sheet.name.length > 31 ||
      /[\\/?*[\]:]/.test(sheet.name) ||
      /^'|'$/.test(sheet.name)
    ) {
      throw new OfficeError("InvalidArgument", `stand-in: bad sheet name "${sheet.name}"`);
    }
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

  function serialFromYmd(y, m, d) {
    return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
  }

  /** What Excel makes of a written entry, read as typed input. */
  function typed(entry) {
    if (typeof entry !== "string") return { formula: null, value: entry };
    const text = entry.trim();
    if (entry.startsWith("'")) return { formula: null, value: entry.slice(1) };
    const number = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)
      ? Number(text)
      : /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)
        ? Number(text.replace(/,/g, ""))
        : /^[+-]?(\d+(\.\d*)?|\.\d+)\s*%$/.test(text)
          ? Number(text.replace("%", "")) / 100
          : /^\$\s*\d+(\.\d+)?$/.test(text)
            ? Number(text.replace(/[$\s]/g, ""))
            : null;
    if (number !== null) return { formula: null, value: number };
    if (/^[=+-]./.test(text))
      return { formula: text.startsWith("=") ? text : `=${text}`, value: "" };
    if (/^(true|false)$/i.test(text))
      return { formula: null, value: text.toLowerCase() === "true" };
    const date = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(text);
    if (date)
      return {
        formula: null,
        value: serialFromYmd(Number(date[1]), Number(date[2]), Number(date[3] ?? 1)),
      };
    return { formula: null, value: entry };
  }

  // ── Displayed text (Range.text) ──

  function pad(n, width) {
    return String(n).padStart(width, "0");
  }

  /** Excel's "General" display of a number: up to 11 significant digits, no binary noise. */
  function generalNumber(value) {
    if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
    return String(Number(value.toPrecision(10)));
  }

  const MONTHS = [
    ...["January", "February", "March", "April", "May", "June"],
    ...["July", "August", "September", "October", "November", "December"],
  ];

  /**
   * A number through a number format, as Excel shows it in the cell. Modelled: General; dates
   * with the codes yyyy, yy, mmmm, mmm, mm, m, dd, d (the serial's day; a time part is dropped);
   * 0, 0.00, #,##0, #,##0.00 and the like, with literal text around them ("$"#,##0.00, ¥0.00)
   * and a trailing % for percentages. Any other format shows the number as General.
   */
  function formatNumber(value, format) {
    const code = String(format ?? "General").split(";")[0];
    if (code === "General" || code === "@") return generalNumber(value);
    const bare = code.replace(/"[^"]*"|\\./g, "");
    if (/[yd]/i.test(bare) || /^[^0#]*m/i.test(bare)) {
      const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth() + 1;
      const d = date.getUTCDate();
      const parts = {
        yyyy: String(y),
        yy: pad(y % 100, 2),
        mmmm: MONTHS[m - 1],
        mmm: MONTHS[m - 1].slice(0, 3),
        mm: pad(m, 2),
        m: String(m),
        dd: pad(d, 2),
        d: String(d),
      };
      const tokens = /"([^"]*)"|\\(.)|yyyy|yy|mmmm|mmm|mm|m|dd|d/gi;
      return code.replace(tokens, (token, quoted, escaped) =>
        quoted !== undefined ? quoted : escaped !== undefined ? escaped : parts[token.toLowerCase()]
      );
    }
    const numeric = /[#0][#0,]*(\.[0#]+)?%?/.exec(code);
    if (!numeric) return generalNumber(value);
    const [pattern, fraction = ""] = numeric;
    const percent = pattern.endsWith("%");
    const decimals = Math.max(0, fraction.length - 1);
    const scaled = percent ? value * 100 : value;
    let text = Math.abs(scaled).toFixed(decimals);
    if (pattern.includes(",")) {
      const [whole, part] = text.split(".");
      text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (part === undefined ? "" : `.${part}`);
    }
    const literal = (part) => part.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1");
    const before = literal(code.slice(0, numeric.index));
    const after = literal(code.slice(numeric.index + pattern.length));
    return `${scaled < 0 ? "-" : ""}${before}${text}${percent ? "%" : ""}${after}`;
  }

  /** A cell as Excel displays it: text as it is, TRUE/FALSE, numbers through their format. */
  function displayText(c) {
    if (!c || c.value === "" || c.value === null || c.value === undefined) return "";
    if (typeof c.value === "boolean") return c.value ? "TRUE" : "FALSE";
    if (typeof c.value === "number") return formatNumber(c.value, c.numberFormat);
    if (typeof c.value === "object" && c.value && typeof c.value.code === "string")
      return c.value.code;
    return String(c.value);
  }

  function store(target, entry) {
    if (entry === null || entry === undefined) return; // null leaves the cell as it is, as in Office
    const { formula, value } = typed(entry);
    target.formula = formula;
    target.value = value;
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

  function checkShape(r, values, what) {
    if (
      !Array.isArray(values) ||
      values.length !== r.rows ||
      values.some((row) => !Array.isArray(row) || row.length !== r.columns)
    ) {
      throw new OfficeError(
        "InvalidArgument",
        `stand-in: ${what} of ${r.rows}×${r.columns} cells expected at ${localAddress(r)}`
      );
    }
  }

  function writeMatrix(sheet, r, values, write) {
    values.forEach((row, i) =>
      row.forEach((entry, j) => write(cell(sheet, r.row + i, r.column + j, true), entry))
    );
  }

  function hasContent(sheet, row, column) {
    const c = cell(sheet, row, column, false);
    return Boolean(c && (c.value !== "" || c.formula !== null));
  }

  /** The smallest box holding every cell with content, or null. */
  function usedRange(sheet) {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, c] of sheet.cells) {
      if (c.value === "" && c.formula === null) continue;
      const [row, column] = key.split(",").map(Number);
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    return bottom < 0
      ? null
      : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Excel's current region: grow the box while a cell next to it has content. */
  function surroundingRegion(sheet, start) {
    let { row, column } = start;
    let lastRow = row + start.rows - 1;
    let lastColumn = column + start.columns - 1;
    const any = (r0, c0, r1, c1) => {
      for (let r = Math.max(0, r0); r <= r1; r++)
        for (let c = Math.max(0, c0); c <= c1; c++) if (hasContent(sheet, r, c)) return true;
      return false;
    };
    for (let grew = true; grew;) {
      grew = false;
      if (row > 0 && any(row - 1, column - 1, row - 1, lastColumn + 1)) (row--, (grew = true));
      if (any(lastRow + 1, column - 1, lastRow + 1, lastColumn + 1)) (lastRow++, (grew = true));
      if (column > 0 && any(row - 1, column - 1, lastRow + 1, column - 1))
        (column--, (grew = true));
      if (any(row - 1, lastColumn + 1, lastRow + 1, lastColumn + 1)) (lastColumn++, (grew = true));
    }
    return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
  }

  // ── Request contexts: a queue applied at sync ──

  function newContext() {
    const context = { queue: [], loads: [] };
    context.workbook = workbookObject(context);
    context.sync = () => sync(context);
    return context;
  }

  /** Queues a change; `bytes` is what it adds to the request. */
  function enqueue(context, bytes, apply) {
    context.queue.push({ bytes, apply });
  }

  function sync(context) {
    const operations = context.queue;
    const loads = context.loads;
    context.queue = [];
    context.loads = [];
    book.syncCount++;
    const record = {
      sync: book.syncCount,
      operations: operations.length,
      writeBytes: 0,
      readBytes: 0,
      error: null,
    };
    book.requests.push(record);
    const fail = (error) => {
      record.error = error.message;
      return Promise.reject(error);
    };
    record.writeBytes = operations.reduce((sum, op) => sum + op.bytes, 0);
    if (record.writeBytes > book.payloadLimit) {
      return fail(
        new OfficeError(
          "RequestPayloadSizeLimitExceeded",
          `stand-in: a request of ${record.writeBytes} bytes`
        )
      );
    }
    let upTo = operations.length;
    let injected = null;
    if (book.failAfter === 0) {
      // a failing operation in the middle: what came before it stays applied, as in Excel
      upTo = Math.floor(operations.length / 2);
      injected = new OfficeError("GeneralException", "stand-in: injected failure");
    }
    if (book.failAfter >= 0) book.failAfter--;
    try {
      for (let i = 0; i < upTo; i++) operations[i].apply();
    } catch (error) {
      return fail(error);
    }
    if (injected) return fail(injected);
    record.readBytes = loads.reduce((sum, load) => sum + load(), 0);
    if (record.readBytes > book.payloadLimit) {
      return fail(
        new OfficeError(
          "ResponsePayloadSizeLimitExceeded",
          `stand-in: a response of ${record.readBytes} bytes`
        )
      );
    }
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** An API object: load() returns it; `onLoad(properties)` may count response bytes. */
  function make(context, props, onLoad) {
    const object = Object.defineProperties({}, Object.getOwnPropertyDescriptors(props));
    object.load = function (properties) {
      if (onLoad) context.loads.push(() => onLoad(properties));
      return object;
    };
    object.toJSON = () => ({});
    return object;
  }

  /** A property whose reads are live and whose writes are queued. */
  function queuedProperty(object, name, context, read, write, bytes) {
    Object.defineProperty(object, name, {
      get: read,
      set: (value) => {
        enqueue(context, bytes ? bytes(value) : ACTION_BYTES + jsonBytes(value), () =>
          write(value)
        );
      },
      enumerable: true,
    });
  }

  function propertyList(properties) {
    if (typeof properties === "string") return properties.split(",").map((p) => p.trim());
    if (Array.isArray(properties)) return properties;
    if (properties && typeof properties === "object")
      return Object.keys(properties.select ?? properties);
    return ["values", "formulas", "numberFormat"];
  }

  // ── API objects ──

  function nullObject(context) {
    return make(context, { isNullObject: true });
  }

  function styleTarget(context, sheet, r, prefix, names) {
    const target = {};
    for (const name of names) {
      queuedProperty(
        target,
        name,
        context,
        () => undefined,
        (value) => sheet.styles.push({ address: localAddress(r), path: `${prefix}${name}`, value })
      );
    }
    return target;
  }

  function rangeFormat(context, sheet, r) {
    const format = styleTarget(context, sheet, r, "", [
      "horizontalAlignment",
      "verticalAlignment",
      "wrapText",
    ]);
    format.font = styleTarget(context, sheet, r, "font.", [
      "bold",
      "italic",
      "size",
      "color",
      "name",
    ]);
    format.fill = styleTarget(context, sheet, r, "fill.", ["color"]);
    format.borders = {
      getItem(index) {
        return styleTarget(context, sheet, r, `border.${index}.`, ["style", "color", "weight"]);
      },
    };
    queuedProperty(
      format,
      "columnWidth",
      context,
      () => sheet.columnWidths[r.column] ?? 48,
      (width) => {
        for (let c = r.column; c < r.column + r.columns; c++) sheet.columnWidths[c] = width;
      }
    );
    queuedProperty(
      format,
      "rowHeight",
      context,
      () => sheet.rowHeights[r.row] ?? 15,
      (height) => {
        // Excel's limit: 0 to 409 points
        if (typeof height !== "number" || height < 0 || height > 409)
          throw new OfficeError("InvalidArgument", `stand-in: row height ${height}`);
        for (let row = r.row; row < r.row + r.rows; row++) sheet.rowHeights[row] = height;
      }
    );
    return format;
  }

  function conditionalFormatCollection(context, sheet, r) {
    return {
      add(type) {
        const rule = {
          type,
          address: localAddress(r),
          criteria: null,
          formula: null,
          fill: null,
          fontColor: null,
        };
        enqueue(context, ACTION_BYTES, () => sheet.conditionalFormats.push(rule));
        const colorScale = {};
        queuedProperty(
          colorScale,
          "criteria",
          context,
          () => rule.criteria,
          (criteria) => (rule.criteria = criteria)
        );
        const ruleObject = {};
        queuedProperty(
          ruleObject,
          "formula",
          context,
          () => rule.formula,
          (formula) => (rule.formula = formula)
        );
        const fill = {};
        queuedProperty(
          fill,
          "color",
          context,
          () => rule.fill,
          (color) => (rule.fill = color)
        );
        const font = {};
        queuedProperty(
          font,
          "color",
          context,
          () => rule.fontColor,
          (color) => (rule.fontColor = color)
        );
        return { type, colorScale, custom: { rule: ruleObject, format: { fill, font } } };
      },
    };
  }

  function rangeObject(context, sheet, r) {
    const matrixProperty = (name, read, write) => ({
      get: () => matrix(r, read),
      set: (values) => {
        checkShape(r, values, name);
        enqueue(context, ACTION_BYTES + jsonBytes(values), () =>
          writeMatrix(sheet, r, values, write)
        );
      },
      enumerable: true,
    });
    const range = make(
      context,
      {
        isNullObject: false,
        get address() {
          return `${quoteSheet(sheet.name)}!${localAddress(r)}`;
        },
        rowCount: r.rows,
        columnCount: r.columns,
        rowIndex: r.row,
        columnIndex: r.column,
        get worksheet() {
          return worksheetObject(context, sheet);
        },
        getSurroundingRegion() {
          return rangeObject(context, sheet, surroundingRegion(sheet, r));
        },
        getUsedRangeOrNullObject() {
          const used = usedRange(sheet);
          const inside = used && intersect(used, r);
          return inside ? rangeObject(context, sheet, inside) : nullObject(context);
        },
        select() {
          enqueue(context, ACTION_BYTES, () => {
            book.selection = { sheet, range: r };
          });
        },
      },
      (properties) =>
        propertyList(properties).reduce(
          (sum, p) =>
            sum +
            (p === "values" || p === "formulas" || p === "numberFormat" || p === "text"
              ? jsonBytes(range[p])
              : 16),
          0
        )
    );
    Object.defineProperties(range, {
      values: matrixProperty(
        "values",
        (row, column) => cell(sheet, row, column, false)?.value ?? "",
        store
      ),
      formulas: matrixProperty(
        "formulas",
        (row, column) => {
          const c = cell(sheet, row, column, false);
          return c ? (c.formula ?? c.value) : "";
        },
        store
      ),
      numberFormat: matrixProperty(
        "numberFormat",
        (row, column) => cell(sheet, row, column, false)?.numberFormat ?? "General",
        (target, entry) => {
          if (entry !== null && entry !== undefined) target.numberFormat = entry;
        }
      ),
    });
    // Range.text is read only in office.js: an assignment is refused
    Object.defineProperty(range, "text", {
      get: () => matrix(r, (row, column) => displayText(cell(sheet, row, column, false))),
      set: () => {
        throw new OfficeError("InvalidArgument", "stand-in: Range.text is read only");
      },
      enumerable: true,
    });
    range.format = rangeFormat(context, sheet, r);
    range.conditionalFormats = conditionalFormatCollection(context, sheet, r);
    // Range objects passed to tables.add, charts.add and setXAxisValues say which cells they are.
    Object.defineProperties(range, { __sheet: { value: sheet }, __range: { value: r } });
    return range;
  }

  function tableObject(context, table) {
    const object = make(context, {
      get worksheet() {
        return worksheetObject(context, table.sheet);
      },
      getRange() {
        return rangeObject(context, table.sheet, table.range);
      },
    });
    queuedProperty(
      object,
      "name",
      context,
      () => table.name,
      (name) => {
        const taken = [...book.tables.filter((t) => t !== table).map((t) => t.name), ...book.names];
        if (taken.some((other) => other.toLowerCase() === name.toLowerCase())) {
          throw new OfficeError("InvalidArgument", `stand-in: the name "${name}" is already taken`);
        }
        table.name = name;
      }
    );
    queuedProperty(
      object,
      "style",
      context,
      () => table.style,
      (style) => (table.style = style)
    );
    return object;
  }

  /** Adds a table over a Range or an address; an address without a sheet means the active sheet. */
  function addTable(context, target, hasHeaders) {
    const where =
      typeof target === "string"
        ? (() => {
            const { sheetName, range } = parseAddress(target);
            return { sheet: sheetName === null ? book.activeSheet : findSheet(sheetName), range };
          })()
        : { sheet: target.__sheet, range: target.__range };
    let n = 1;
    while (book.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
    const table = {
      name: `Table${n}`,
      sheet: where.sheet,
      range: where.range,
      hasHeaders,
      style: "TableStyleMedium2",
    };
    enqueue(context, ACTION_BYTES, () => {
      if (!table.sheet || !book.sheets.includes(table.sheet))
        throw new OfficeError("ItemNotFound", "stand-in: no such sheet");
      if (book.tables.some((t) => t.sheet === table.sheet && overlaps(t.range, table.range))) {
        throw new OfficeError(
          "InvalidArgument",
          `stand-in: a table already covers part of ${localAddress(table.range)}`
        );
      }
      book.tables.push(table);
    });
    return tableObject(context, table);
  }

  function chartObject(context, sheet, chart) {
    const title = {};
    queuedProperty(
      title,
      "text",
      context,
      () => chart.title,
      (text) => (chart.title = text)
    );
    const legend = {};
    queuedProperty(
      legend,
      "position",
      context,
      () => chart.legend,
      (position) => (chart.legend = position)
    );
    queuedProperty(
      legend,
      "visible",
      context,
      () => chart.legendVisible,
      (visible) => (chart.legendVisible = visible)
    );
    // font sizes (ChartFont): the title's, and the chart area's (axis labels, legend)
    const fontOf = (key) => {
      const font = {};
      queuedProperty(
        font,
        "size",
        context,
        () => chart[key],
        (size) => (chart[key] = size)
      );
      return { font };
    };
    title.format = fontOf("titleFontSize");
    const valueAxis = {};
    queuedProperty(
      valueAxis,
      "numberFormat",
      context,
      () => chart.valueAxisFormat,
      (format) => (chart.valueAxisFormat = format)
    );
    const categoryAxis = {};
    for (const name of ["reversePlotOrder", "position"])
      queuedProperty(
        categoryAxis,
        name,
        context,
        () => chart.categoryAxis[name],
        (value) => (chart.categoryAxis[name] = value)
      );
    const seriesAt = (index) => {
      const series = chart.series[index];
      if (!series)
        throw new OfficeError("ItemNotFound", `stand-in: the chart has no series ${index}`);
      return series;
    };
    const rangeAddressOf = (range) => localAddress(range.__range);
    return make(context, {
      title,
      legend,
      axes: { valueAxis, categoryAxis },
      format: fontOf("fontSize"),
      series: {
        getItemAt(index) {
          return {
            delete() {
              enqueue(context, ACTION_BYTES, () =>
                chart.series.splice(chart.series.indexOf(seriesAt(index)), 1)
              );
            },
            setXAxisValues(range) {
              enqueue(
                context,
                ACTION_BYTES,
                () => (seriesAt(index).categories = rangeAddressOf(range))
              );
            },
            setValues(range) {
              enqueue(
                context,
                ACTION_BYTES,
                () => (seriesAt(index).values = rangeAddressOf(range))
              );
            },
          };
        },
      },
      setPosition(start, end) {
        const address = (cellOrRange) =>
          typeof cellOrRange === "string" ? cellOrRange : rangeAddressOf(cellOrRange);
        enqueue(context, ACTION_BYTES, () => {
          chart.position = end === undefined ? address(start) : `${address(start)}:${address(end)}`;
        });
      },
    });
  }

  /** A chart over a range: one series per column (per row for "Rows"), named by the header. */
  function addChart(context, sheet, type, source, seriesBy) {
    const r = source.__range;
    const chart = {
      type,
      seriesBy,
      source: localAddress(r),
      title: "",
      legend: "Right",
      valueAxisFormat: "General",
      legendVisible: true,
      categoryAxis: {},
      position: null,
      series: [],
    };
    enqueue(context, ACTION_BYTES, () => {
      const byRows = seriesBy === "Rows";
      const count = byRows ? r.rows : r.columns;
      for (let i = 0; i < count; i++) {
        const header = byRows
          ? cell(sheet, r.row + i, r.column, false)
          : cell(sheet, r.row, r.column + i, false);
        const named = header && typeof header.value === "string" && header.value !== "";
        const values = byRows
          ? {
              row: r.row + i,
              column: r.column + (named ? 1 : 0),
              rows: 1,
              columns: r.columns - (named ? 1 : 0),
            }
          : {
              row: r.row + (named ? 1 : 0),
              column: r.column + i,
              rows: r.rows - (named ? 1 : 0),
              columns: 1,
            };
        chart.series.push({
          name: named ? header.value : `Series${i + 1}`,
          values: localAddress(values),
          categories: null,
        });
      }
      sheet.charts.push(chart);
    });
    return chartObject(context, sheet, chart);
  }

  /**
   * A sheet's page layout (ExcelApi 1.9). As Excel: orientation is "Portrait" or "Landscape";
   * zoom is a scale (10–400) or pages wide/tall (0 = automatic); the print area is a range or
   * an address on this sheet; title rows must be whole rows ("$1:$2", or a range of whole rows).
   */
  function pageLayoutObject(context, sheet) {
    const layout = {};
    queuedProperty(
      layout,
      "orientation",
      context,
      () => sheet.pageLayout.orientation,
      (value) => {
        if (value !== "Portrait" && value !== "Landscape")
          throw new OfficeError("InvalidArgument", `stand-in: orientation ${value}`);
        sheet.pageLayout.orientation = value;
      }
    );
    queuedProperty(
      layout,
      "zoom",
      context,
      () => ({ ...sheet.pageLayout.zoom }),
      (value) => {
        const pages = [value?.horizontalFitToPages, value?.verticalFitToPages];
        const fit = pages.some((n) => n !== undefined && n !== null);
        const bad =
          !value ||
          (fit && pages.some((n) => n !== undefined && (!Number.isInteger(n) || n < 0))) ||
          (!fit && !(value.scale >= 10 && value.scale <= 400));
        if (bad)
          throw new OfficeError("InvalidArgument", `stand-in: zoom ${JSON.stringify(value)}`);
        sheet.pageLayout.zoom = { ...value };
      }
    );
    layout.setPrintArea = (area) => {
      const r = typeof area === "string" ? parseAddress(area).range : area.__range;
      enqueue(context, ACTION_BYTES, () => (sheet.pageLayout.printArea = localAddress(r)));
    };
    layout.setPrintTitleRows = (rows) => {
      let text;
      if (typeof rows === "string") {
        const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
        if (!m)
          throw new OfficeError(
            "InvalidArgument",
            `stand-in: title rows "${rows}" are not whole rows`
          );
        text = `$${m[1]}:$${m[2]}`;
      } else {
        if (rows.__range.column !== 0 || rows.__range.columns < 16_384)
          throw new OfficeError("InvalidArgument", "stand-in: title rows must be whole rows");
        text = `$${rows.__range.row + 1}:$${rows.__range.row + rows.__range.rows}`;
      }
      enqueue(context, ACTION_BYTES, () => (sheet.pageLayout.printTitleRows = text));
    };
    return layout;
  }

  function worksheetObject(context, sheet) {
    const at = (r) => rangeObject(context, sheet, r);
    return make(context, {
      get name() {
        return sheet.name;
      },
      get id() {
        return sheet.id;
      },
      isNullObject: false,
      getRange(address) {
        return at(parseAddress(address ?? "A1").range);
      },
      getRangeByIndexes(row, column, rows, columns) {
        if (rows < 1 || columns < 1)
          throw new OfficeError("InvalidArgument", "stand-in: an empty range");
        return at({ row, column, rows, columns });
      },
      getUsedRange() {
        return at(usedRange(sheet) ?? { row: 0, column: 0, rows: 1, columns: 1 });
      },
      getUsedRangeOrNullObject() {
        const used = usedRange(sheet);
        return used ? at(used) : nullObject(context);
      },
      activate() {
        enqueue(context, ACTION_BYTES, () => {
          book.activeSheet = sheet;
        });
      },
      delete() {
        enqueue(context, ACTION_BYTES, () => {
          if (book.sheets.length === 1)
            throw new OfficeError("InvalidOperation", "stand-in: a workbook keeps one sheet");
          book.sheets = book.sheets.filter((s) => s !== sheet);
          book.tables = book.tables.filter((t) => t.sheet !== sheet);
          if (book.activeSheet === sheet) book.activeSheet = book.sheets[0] ?? null;
          if (book.selection?.sheet === sheet) book.selection = null;
        });
      },
      freezePanes: {
        freezeRows(count) {
          enqueue(context, ACTION_BYTES, () => {
            sheet.frozenRows = count ?? 1;
            sheet.frozenColumns = 0;
          });
        },
        freezeColumns(count) {
          enqueue(context, ACTION_BYTES, () => {
            sheet.frozenColumns = count ?? 1;
            sheet.frozenRows = 0;
          });
        },
        /** The cells frozen in the top-left pane: everything above and left of the range's end. */
        freezeAt(target) {
          const r = typeof target === "string" ? parseAddress(target).range : target.__range;
          enqueue(context, ACTION_BYTES, () => {
            sheet.frozenRows = r.row + r.rows;
            sheet.frozenColumns = r.column + r.columns;
          });
        },
      },
      pageLayout: pageLayoutObject(context, sheet),
      tables: {
        add(target, hasHeaders) {
          return addTable(context, target, hasHeaders);
        },
      },
      charts: {
        add(type, source, seriesBy) {
          return addChart(context, sheet, type, source, seriesBy ?? "Auto");
        },
      },
    });
  }

  /** The collection's `items` are a snapshot taken at load time, as in Office. */
  function collection(context, list, item, extra) {
    let loaded = null;
    const object = make(
      context,
      {
        get items() {
          return (loaded ?? list()).map(item);
        },
        ...extra,
      },
      () => {
        loaded = list();
        return 32 * loaded.length;
      }
    );
    return object;
  }

  function workbookObject(context) {
    const sheetObject = (sheet) => worksheetObject(context, sheet);
    return {
      worksheets: collection(context, () => [...book.sheets], sheetObject, {
        add(name) {
          const sheet = sheetRecord(String(name ?? `Sheet${book.sheets.length + 1}`));
          enqueue(context, ACTION_BYTES + jsonBytes(sheet.name), () => attachSheet(sheet));
          return sheetObject(sheet);
        },
        getItem(key) {
          const sheet = findSheet(key);
          if (!sheet) throw new OfficeError("ItemNotFound", `stand-in: no sheet "${key}"`);
          return sheetObject(sheet);
        },
        getItemOrNullObject(key) {
          const sheet = findSheet(key);
          return sheet ? sheetObject(sheet) : nullObject(context);
        },
        getActiveWorksheet() {
          return sheetObject(book.activeSheet);
        },
      }),
      tables: collection(
        context,
        () => [...book.tables],
        (table) => tableObject(context, table),
        {
          getItem(name) {
            const table = book.tables.find(
              (t) => t.name.toLowerCase() === String(name).toLowerCase()
            );
            if (!table) throw new OfficeError("ItemNotFound", `stand-in: no table "${name}"`);
            return tableObject(context, table);
          },
          add(target, hasHeaders) {
            return addTable(context, target, hasHeaders);
          },
        }
      ),
      names: collection(
        context,
        () => [...book.names],
        (name) => make(context, { name })
      ),
      getSelectedRange() {
        if (!book.selection)
          throw new OfficeError("InvalidSelection", "stand-in: nothing is selected");
        return rangeObject(context, book.selection.sheet, book.selection.range);
      },
    };
  }

  // ── Inspection ──

  function sheetSnapshot(sheet) {
    const used = usedRange(sheet);
    const r = {
      row: 0,
      column: 0,
      rows: used ? used.row + used.rows : 0,
      columns: used ? used.column + used.columns : 0,
    };
    return {
      name: sheet.name,
      id: sheet.id,
      values: matrix(r, (row, column) => cell(sheet, row, column, false)?.value ?? ""),
      formulas: matrix(r, (row, column) => cell(sheet, row, column, false)?.formula ?? null),
      numberFormats: matrix(
        r,
        (row, column) => cell(sheet, row, column, false)?.numberFormat ?? "General"
      ),
      tables: book.tables
        .filter((t) => t.sheet === sheet)
        .map((t) => ({ name: t.name, address: localAddress(t.range), style: t.style })),
      charts: sheet.charts.map((c) => ({
        type: c.type,
        title: c.title,
        source: c.source,
        series: c.series.map((s) => ({ ...s })),
        categories: c.series.map((s) => s.categories),
        position: c.position,
        legend: c.legend,
        valueAxisFormat: c.valueAxisFormat,
      })),
      conditionalFormats: sheet.conditionalFormats.map((f) => ({ ...f })),
      styles: sheet.styles.map((style) => ({ ...style })),
      columnWidths: { ...sheet.columnWidths },
      rowHeights: { ...sheet.rowHeights },
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      pageLayout: { ...sheet.pageLayout, zoom: { ...sheet.pageLayout.zoom } },
      active: book.activeSheet === sheet,
      selection: book.selection?.sheet === sheet ? localAddress(book.selection.range) : null,
    };
  }

  root.__workbook = {
    /**
     * Puts the user's data on a sheet (made if needed) at `topLeft`, as stored values (no
     * typed-input parsing). Options: `tableName` makes it a table; `select` is an address to
     * select, or false; by default the data is selected and its sheet active; `columnFormats`
     * gives number formats by column offset (`{ 1: "m/d/yyyy" }`), for every row of the data.
     */
    seed(sheetName, topLeft, values, options = {}) {
      const sheet = findSheet(sheetName) ?? attachSheet(sheetRecord(sheetName));
      const start = parseCell(topLeft);
      const r = {
        row: start.row,
        column: start.column,
        rows: values.length,
        columns: Math.max(...values.map((row) => row.length)),
      };
      values.forEach((row, i) =>
        row.forEach((value, j) => (cell(sheet, r.row + i, r.column + j, true).value = value))
      );
      for (const [offset, format] of Object.entries(options.columnFormats ?? {})) {
        for (let i = 0; i < r.rows; i++)
          cell(sheet, r.row + i, r.column + Number(offset), true).numberFormat = format;
      }
      if (options.tableName)
        book.tables.push({
          name: options.tableName,
          sheet,
          range: r,
          hasHeaders: true,
          style: "TableStyleLight1",
        });
      if (options.select !== false) {
        book.selection = {
          sheet,
          range: typeof options.select === "string" ? parseAddress(options.select).range : r,
        };
        book.activeSheet = sheet;
      }
    },
    /** Every sheet as plain data: values, formulas and number formats from A1 to the used extent, and its objects. */
    snapshot() {
      return book.sheets.map(sheetSnapshot);
    },
    /** The same as snapshot(). */
    get sheets() {
      return book.sheets.map(sheetSnapshot);
    },
    /** One sheet's snapshot, or undefined. */
    sheet(name) {
      const sheet = findSheet(name);
      return sheet ? sheetSnapshot(sheet) : undefined;
    },
    /** How many times context.sync() was called, failed ones included. */
    get syncCount() {
      return book.syncCount;
    },
    /** One record per sync: { sync, operations, writeBytes, readBytes, error }. */
    get requests() {
      return book.requests.map((request) => ({ ...request }));
    },
    /** The largest request or response accepted, in bytes of JSON (default 5,000,000). */
    get payloadLimit() {
      return book.payloadLimit;
    },
    set payloadLimit(bytes) {
      book.payloadLimit = bytes;
    },
    /** The sync after `n` more successful ones fails halfway through its operations. */
    failNextSyncAfter(n) {
      book.failAfter = n;
    },
    /** Adds a defined name (names and tables share one namespace in Excel). */
    defineName(name) {
      book.names.push(name);
    },
  };

  // ── Globals ──

  const query =
    typeof location !== "undefined" ? new URLSearchParams(location.search) : new URLSearchParams();
  const displayLanguage = root.__officeDisplayLanguage ?? query.get("lang") ?? "en-US";
  // Representative colours of Office's themes (each host and version differs a little).
  const THEMES = {
    light: {
      bodyBackgroundColor: "#FFFFFF",
      bodyForegroundColor: "#242424",
      controlBackgroundColor: "#FFFFFF",
      controlForegroundColor: "#242424",
      isDarkTheme: false,
    },
    dark: {
      bodyBackgroundColor: "#292929",
      bodyForegroundColor: "#FFFFFF",
      controlBackgroundColor: "#1F1F1F",
      controlForegroundColor: "#F5F5F5",
      isDarkTheme: true,
    },
  };
  const officeTheme = root.__officeTheme ?? THEMES[query.get("theme") ?? "light"] ?? THEMES.light;

  root.Excel = {
    run(batch) {
      return Promise.resolve().then(() => batch(newContext()));
    },
    ChartType: {
      line: "Line",
      columnClustered: "ColumnClustered",
      pie: "Pie",
      barClustered: "BarClustered",
    },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ChartLegendPosition: {
      invalid: "Invalid",
      top: "Top",
      bottom: "Bottom",
      left: "Left",
      right: "Right",
      corner: "Corner",
      custom: "Custom",
    },
    ConditionalFormatType: {
      custom: "Custom",
      colorScale: "ColorScale",
      dataBar: "DataBar",
      iconSet: "IconSet",
    },
    ConditionalFormatColorCriterionType: {
      invalid: "Invalid",
      lowestValue: "LowestValue",
      highestValue: "HighestValue",
      number: "Number",
      percent: "Percent",
      formula: "Formula",
      percentile: "Percentile",
    },
    BorderIndex: {
      edgeTop: "EdgeTop",
      edgeBottom: "EdgeBottom",
      edgeLeft: "EdgeLeft",
      edgeRight: "EdgeRight",
      insideVertical: "InsideVertical",
      insideHorizontal: "InsideHorizontal",
      diagonalDown: "DiagonalDown",
      diagonalUp: "DiagonalUp",
    },
    BorderLineStyle: {
      none: "None",
      continuous: "Continuous",
      dash: "Dash",
      dot: "Dot",
      double: "Double",
    },
    HorizontalAlignment: { general: "General", left: "Left", center: "Center", right: "Right" },
    VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom" },
  };

  const info = { host: "Excel", platform: "OfficeOnline" };
  root.Office = {
    HostType: {
      Word: "Word",
      Excel: "Excel",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    context: { displayLanguage, officeTheme },
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
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
  };
})(typeof window !== "undefined" ? window : globalThis);
