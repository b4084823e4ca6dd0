// Plain-text tables for suite output.

/** `align` holds "l" or "r" per column; by default the first column is left-aligned, the rest right. */
export function formatTable(rows, align = []) {
  const left = (i) => (align[i] ?? (i === 0 ? "l" : "r")) === "l";
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i] ?? "").length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (left(i) ? String(cell ?? "").padEnd(widths[i]) : String(cell ?? "").padStart(widths[i])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export const count = (n) => Math.round(n).toLocaleString("en-US");
export const seconds = (ms) => (ms / 1000).toFixed(2);
export const megabytes = (kb) => (kb / 1024).toFixed(0);
export const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
