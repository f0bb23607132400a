/**
 * Draws a stand-in sheet snapshot as an HTML page, so the browser test can save a picture of
 * the report it generated: values with their number formats, fills and fonts from the styles,
 * the level colours of the alert list's formula rules and the cohort colour scale. A preview of
 * the sheet model, not Excel's rendering (charts are listed, not drawn).
 */

export interface PreviewSheet {
  name: string;
  values: unknown[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  styles: { address: string; path: string; value: unknown }[];
  charts: { type: string; title: string; position: string | null }[];
  conditionalFormats: {
    type: string;
    address: string;
    formula: string | null;
    fill: string | null;
    criteria: unknown;
  }[];
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

function parseRange(address: string): {
  row: number;
  column: number;
  rows: number;
  columns: number;
} {
  const [a, b = a] = address.split(":") as [string, string?];
  const cell = (text: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(text)!;
    return { row: Number(m[2]) - 1, column: columnIndex(m[1]!) };
  };
  const first = cell(a);
  const last = cell(b!);
  return {
    row: first.row,
    column: first.column,
    rows: last.row - first.row + 1,
    columns: last.column - first.column + 1,
  };
}

function serialToIso(serial: number): string {
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function formatted(value: unknown, format: string): string {
  if (typeof value !== "number") return String(value ?? "");
  if (format.includes("%")) return `${(value * 100).toFixed(format.includes(".0") ? 1 : 0)}%`;
  if (format.startsWith("yyyy")) return serialToIso(value);
  if (format === "#,##0") return Math.round(value).toLocaleString("en-US");
  if (format === "#,##0.00")
    return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (/^0\.0+$/.test(format)) return value.toFixed(format.length - 2);
  return String(Math.round(value * 10_000) / 10_000);
}

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `rgb(${[0, 1, 2].map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t)).join(",")})`;
}

export function previewHtml(sheet: PreviewSheet, maxRows = 70, maxColumns = 13): string {
  const rows = Math.min(sheet.values.length, maxRows);
  const columns = Math.min(Math.max(0, ...sheet.values.map((r) => r.length)), maxColumns);
  const css: string[][] = Array.from({ length: rows }, () => new Array<string>(columns).fill(""));
  const add = (address: string, rule: string) => {
    const r = parseRange(address);
    for (let i = r.row; i < Math.min(rows, r.row + r.rows); i++) {
      for (let j = r.column; j < Math.min(columns, r.column + r.columns); j++) css[i]![j] += rule;
    }
  };
  for (const style of sheet.styles) {
    if (style.path === "fill.color") add(style.address, `background:${style.value};`);
    if (style.path === "font.bold" && style.value) add(style.address, "font-weight:600;");
    if (style.path === "font.italic" && style.value) add(style.address, "font-style:italic;");
    if (style.path === "font.color") add(style.address, `color:${style.value};`);
    if (style.path === "font.size") add(style.address, `font-size:${Number(style.value) * 0.9}px;`);
  }
  for (const rule of sheet.conditionalFormats) {
    const r = parseRange(rule.address);
    if (rule.type === "Custom" && rule.formula) {
      const m = /^=\$([A-Z]+)\d+="(.*)"$/.exec(rule.formula);
      if (!m) continue;
      const column = columnIndex(m[1]!);
      for (let i = r.row; i < Math.min(rows, r.row + r.rows); i++) {
        if (sheet.values[i]?.[column] === m[2])
          add(
            `${rule.address.replace(/\d+:/, `${i + 1}:`).replace(/\d+$/, String(i + 1))}`,
            `background:${rule.fill};`
          );
      }
    } else if (rule.type === "ColorScale") {
      const criteria = rule.criteria as {
        minimum: { color: string };
        midpoint: { color: string };
        maximum: { color: string };
      };
      const cells: [number, number, number][] = [];
      for (let i = r.row; i < r.row + r.rows; i++) {
        for (let j = r.column; j < r.column + r.columns; j++) {
          const v = sheet.values[i]?.[j];
          if (typeof v === "number") cells.push([i, j, v]);
        }
      }
      const sorted = cells.map((c) => c[2]).sort((a, b) => a - b);
      const lo = sorted[0] ?? 0;
      const hi = sorted[sorted.length - 1] ?? 1;
      const mid = sorted[Math.floor(sorted.length / 2)] ?? 0.5;
      for (const [i, j, v] of cells) {
        if (i >= rows || j >= columns) continue;
        const color =
          v <= mid
            ? mix(
                criteria.minimum.color,
                criteria.midpoint.color,
                mid === lo ? 1 : (v - lo) / (mid - lo)
              )
            : mix(
                criteria.midpoint.color,
                criteria.maximum.color,
                hi === mid ? 1 : (v - mid) / (hi - mid)
              );
        css[i]![j] += `background:${color};`;
      }
    }
  }
  const body = Array.from({ length: rows }, (_, i) => {
    const cells = Array.from({ length: columns }, (_, j) => {
      const formula = sheet.formulas[i]?.[j];
      const text = formula
        ? formula
        : formatted(sheet.values[i]?.[j], sheet.numberFormats[i]?.[j] ?? "General");
      return `<td style="${css[i]![j]}"${formula ? ' class="f"' : ""}>${escape(text)}</td>`;
    }).join("");
    return `<tr><th>${i + 1}</th>${cells}</tr>`;
  }).join("\n");
  const head = Array.from(
    { length: columns },
    (_, j) => `<th>${String.fromCharCode(65 + j)}</th>`
  ).join("");
  const charts = sheet.charts
    .map((c) => `<li>${escape(`${c.type} chart "${c.title}" at ${c.position}`)}</li>`)
    .join("");
  return `<!doctype html><meta charset="utf-8"><style>
    body { font: 12px "Segoe UI", "Noto Sans CJK SC", sans-serif; margin: 8px; }
    table { border-collapse: collapse; }
    td, th { border: 1px solid #e1dfdd; padding: 1px 4px; white-space: nowrap; max-width: 150px; overflow: hidden; text-overflow: ellipsis; }
    th { background: #f3f2f1; color: #605e5c; font-weight: 400; }
    td.f { color: #0f6cbd; font-family: Consolas, monospace; font-size: 10px; }
    h1 { font-size: 13px; }
  </style><h1>${escape(`Preview of the sheet model: ${sheet.name}`)}</h1>
  <table><tr><th></th>${head}</tr>${body}</table><ul>${charts}</ul>`;
}
