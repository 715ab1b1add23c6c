/**
 * Go's `text/tabwriter` (the algorithm kubectl's printers and `describe` rely on), with
 * cli-runtime's `RememberWidths` extension: column widths seen in earlier flushes are kept, so
 * the rows of `get -w` stay aligned with the header printed before them.
 */

/** Options of {@link TabWriter}. */
export interface TabWriterOptions {
  /** Minimal cell width including padding (kubectl tables: 6; describe: 0). */
  minWidth: number;
  /** Spaces added to the widest cell of a column (kubectl tables: 3; describe: 2). */
  padding: number;
  /** Keep column widths across flushes (cli-runtime `RememberWidths`). */
  rememberWidths?: boolean;
}

/** Buffers text with tab-separated cells and aligns each column block on {@link flush}. */
export class TabWriter {
  private buffer = '';
  private remembered: number[] = [];

  constructor(private readonly options: TabWriterOptions) {}

  /** Adds text; lines end with `\n`, cells end with `\t`. */
  write(text: string): void {
    this.buffer += text;
  }

  /** Formats and returns everything written since the last flush. */
  flush(): string {
    const text = this.buffer;
    this.buffer = '';
    if (!text) return '';
    const lines = text.split('\n');
    const trailingNewline = lines[lines.length - 1] === '';
    if (trailingNewline) lines.pop();
    const cells = lines.map((l) => l.split('\t'));
    const out: string[] = [];
    const widths: number[] = [];
    this.format(cells, 0, cells.length, widths, out);
    return out.join('\n') + (trailingNewline ? '\n' : '');
  }

  private format(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      this.writeLines(lines, start, i, widths, out);
      start = i;
      let width = this.options.minWidth;
      for (; i < line1; i++) {
        const line = lines[i]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, textWidth(line[column]!) + this.options.padding);
      }
      if (this.options.rememberWidths) {
        width = Math.max(width, this.remembered[column] ?? 0);
        this.remembered[column] = width;
      }
      widths.push(width);
      this.format(lines, start, i, widths, out);
      widths.pop();
      start = i;
      i--;
    }
    this.writeLines(lines, start, line1, widths, out);
  }

  private writeLines(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((cell, j) => {
        s += cell;
        if (j < line.length - 1 && j < widths.length) s += ' '.repeat(Math.max(0, widths[j]! - textWidth(cell)));
      });
      out.push(s);
    }
  }
}

/** Display width of a cell: characters, not bytes (Go's tabwriter counts UTF-8 runes). */
function textWidth(s: string): number {
  return [...s].length;
}

/** Aligns `text` once with kubectl's table settings (minwidth 6, padding 3). */
export function alignTable(text: string): string {
  const w = new TabWriter({ minWidth: 6, padding: 3 });
  w.write(text);
  return w.flush();
}
