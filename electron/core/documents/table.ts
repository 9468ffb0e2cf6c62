/**
 * A table that runs over as many pages as it needs: the column headings are
 * repeated at the top of each page, a row moves whole to the next page when
 * it fits there, and a row taller than a page (a very long description) is
 * split between its lines.
 */
import type { DocumentCanvas } from './canvas';
import type { SetLine } from './text';

export interface TableColumn {
  header: string;
  widthPt: number;
  align?: 'left' | 'right';
}

export interface TableBarcode {
  value: string;
  moduleDots: number;
  heightPt: number;
}

export interface TableCell {
  lines: SetLine[];
  /** Drawn under the cell's first line (the tracking number's barcode). */
  barcode?: TableBarcode;
  /** Smaller lines after the barcode (details under a tracking number). */
  notes?: SetLine[];
}

/** Space above and below a row's content, in ems of the body size. */
const ROW_PADDING_EM = 0.3;
const CELL_GAP_PT = 4;
const BARCODE_GAP_EM = 0.25;
const HEADER_RULE_PT = 0.75;
const ROW_RULE_PT = 0.25;

export interface TableStyle {
  size: number;
  headerSize: number;
  notesSize: number;
}

export class Table {
  private freshTop: number | null = null;

  constructor(
    private readonly canvas: DocumentCanvas,
    private readonly columns: readonly TableColumn[],
    private readonly style: TableStyle,
  ) {}

  /** Width available to a column's text. */
  textWidth(column: number): number {
    return this.columns[column]!.widthPt - CELL_GAP_PT;
  }

  drawHeader(): void {
    const c = this.canvas;
    const lineHeight = c.lineHeight(this.style.headerSize);
    const heads = this.columns.map((col) => c.wrap(col.header, 'header', this.style.headerSize, col.widthPt - CELL_GAP_PT));
    const rows = Math.max(1, ...heads.map((h) => h.length));
    c.ensure(rows * lineHeight + this.padding() * 2 + lineHeight);
    let x = c.left;
    this.columns.forEach((col, i) => {
      heads[i]!.forEach((line, n) => this.drawCellLine(line, col, x, c.y - this.padding() - n * lineHeight, this.style.headerSize, true));
      x += col.widthPt;
    });
    c.y -= rows * lineHeight + this.padding() * 2;
    c.rule(c.y, HEADER_RULE_PT);
  }

  /** Draws a row at the cursor, moving to new pages (with the headings again) as needed. */
  drawRow(cells: readonly TableCell[]): void {
    const c = this.canvas;
    const remaining = cells.map((cell) => ({ ...cell, lines: [...cell.lines], notes: [...(cell.notes ?? [])] }));
    let first = true;
    for (;;) {
      const need = this.rowHeight(remaining, first);
      const fresh = this.freshPageTop();
      if (c.y - need >= c.bottom) {
        this.drawPart(
          remaining,
          first,
          remaining.map((cell) => cell.lines.length),
        );
        return;
      }
      if (c.y < fresh && need <= fresh - c.bottom) {
        this.newPage();
        continue;
      }
      // Taller than a page: as many lines as fit here, the rest on the next page.
      const fixed = this.rowHeight(
        remaining.map((cell) => ({ ...cell, lines: [] })),
        first,
      );
      const fit = Math.floor((c.y - c.bottom - fixed) / c.lineHeight(this.style.size));
      if (fit < 1) {
        this.newPage();
        continue;
      }
      this.drawPart(
        remaining,
        first,
        remaining.map(() => fit),
      );
      for (const cell of remaining) {
        cell.lines.splice(0, fit);
        if (first) delete cell.barcode;
      }
      first = false;
      if (remaining.every((cell) => cell.lines.length === 0)) return;
      this.newPage();
    }
  }

  private padding(): number {
    return this.style.size * ROW_PADDING_EM;
  }

  private cellHeight(cell: TableCell, withExtras: boolean): number {
    const c = this.canvas;
    let height = cell.lines.length * c.lineHeight(this.style.size);
    if (withExtras && cell.barcode) height += cell.barcode.heightPt + this.style.size * BARCODE_GAP_EM * 2;
    if (withExtras && cell.notes) height += cell.notes.length * c.lineHeight(this.style.notesSize);
    return height;
  }

  private rowHeight(cells: readonly TableCell[], withExtras: boolean): number {
    return Math.max(0, ...cells.map((cell) => this.cellHeight(cell, withExtras))) + this.padding() * 2;
  }

  /** Where rows start on a new page (below the running header and the headings); the page top until a page was started here. */
  private freshPageTop(): number {
    return this.freshTop ?? this.canvas.top;
  }

  private newPage(): void {
    this.canvas.newPage();
    this.drawHeader();
    this.freshTop = this.canvas.y;
  }

  private drawPart(cells: readonly TableCell[], withExtras: boolean, lineCounts: readonly number[]): void {
    const c = this.canvas;
    const lineHeight = c.lineHeight(this.style.size);
    const top = c.y - this.padding();
    let x = c.left;
    let height = 0;
    this.columns.forEach((col, i) => {
      const cell = cells[i];
      if (!cell) return;
      const lines = cell.lines.slice(0, lineCounts[i]);
      lines.forEach((line, n) => this.drawCellLine(line, col, x, top - n * lineHeight, this.style.size, false));
      let y = top - lines.length * lineHeight;
      if (withExtras && cell.barcode) {
        y -= this.style.size * BARCODE_GAP_EM;
        c.drawBarcode(cell.barcode.value, cell.barcode.moduleDots, x, y - cell.barcode.heightPt, cell.barcode.heightPt);
        y -= cell.barcode.heightPt + this.style.size * BARCODE_GAP_EM;
      }
      if (withExtras && cell.notes) {
        for (const note of cell.notes) {
          this.drawCellLine(note, col, x, y, this.style.notesSize, false);
          y -= c.lineHeight(this.style.notesSize);
        }
      }
      height = Math.max(height, top - y);
      x += col.widthPt;
    });
    c.y = top - height - this.padding();
    c.rule(c.y, ROW_RULE_PT);
  }

  private drawCellLine(line: SetLine, col: TableColumn, x: number, top: number, size: number, bold: boolean): void {
    if (col.align === 'right') this.canvas.drawLineRight(line, x + col.widthPt - CELL_GAP_PT, top, { size, bold });
    else this.canvas.drawLine(line, x, top, { size, bold });
  }
}
