/**
 * Where things are on a page, read from a small grey picture of it (about
 * 50 dpi): the blocks of content separated by white gutters, and the places
 * that look like 1-D barcodes (a run of tightly packed parallel bars). Pure
 * functions of the pixels, so they are tested on drawn pictures and cost a
 * few milliseconds on an A4 sheet.
 */

export interface GrayImage {
  width: number;
  height: number;
  /** Bytes per row. */
  stride: number;
  /** 0 black … 255 white. */
  pixels: Uint8Array;
}

/** A box in pixels of the picture it was found in. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Anything darker than this is content for layout purposes (light tints and paper grain are not). */
export const LAYOUT_INK_BELOW = 200;

/** The box around every inked pixel inside `within` (the whole picture by default); null when it is blank. */
export function inkBox(image: GrayImage, within: Box = { x: 0, y: 0, width: image.width, height: image.height }): Box | null {
  let top = -1;
  let bottom = -1;
  let left = within.x + within.width;
  let right = within.x - 1;
  for (let y = within.y; y < within.y + within.height; y++) {
    const row = y * image.stride;
    let rowLeft = -1;
    let rowRight = -1;
    for (let x = within.x; x < within.x + within.width; x++) {
      if (image.pixels[row + x]! < LAYOUT_INK_BELOW) {
        if (rowLeft < 0) rowLeft = x;
        rowRight = x;
      }
    }
    if (rowLeft < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    left = Math.min(left, rowLeft);
    right = Math.max(right, rowRight);
  }
  return top < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** Inked pixels per column (axis 'x') or per row (axis 'y') inside `box`. */
function profile(image: GrayImage, box: Box, axis: 'x' | 'y'): Int32Array {
  const out = new Int32Array(axis === 'x' ? box.width : box.height);
  for (let y = box.y; y < box.y + box.height; y++) {
    const row = y * image.stride;
    for (let x = box.x; x < box.x + box.width; x++) {
      if (image.pixels[row + x]! < LAYOUT_INK_BELOW) out[axis === 'x' ? x - box.x : y - box.y]!++;
    }
  }
  return out;
}

/** The widest run of blank positions strictly inside a profile, as [start, end). */
function widestGap(p: Int32Array): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  let start = -1;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      // Only gaps with content on both sides separate anything (the box is trimmed, so edges are inked).
      if (start > 0 && (!best || i - start > best.end - best.start)) best = { start, end: i };
      start = -1;
    }
  }
  return best;
}

/**
 * Cuts the page's content into blocks the way a person sees separate pieces of paper on a sheet: a block that
 * `isWhole` accepts (one label fits in it) is kept as it is, however much white space runs inside it; any other
 * block is split at its widest white gutter (at least `minGutterPx`), across or down, and each side is looked at
 * again. A label's own inner spacing therefore never splits it, while two labels side by side, or a label and
 * its instructions, come apart. Blocks come back in reading order (top to bottom, then left to right).
 */
export function contentBlocks(image: GrayImage, isWhole: (box: Box) => boolean, minGutterPx: number): Box[] {
  const all = inkBox(image);
  if (!all) return [];
  const out: Box[] = [];
  const pending: Box[] = [all];
  while (pending.length > 0) {
    const box = pending.pop()!;
    if (isWhole(box)) {
      out.push(box);
      continue;
    }
    const across = widestGap(profile(image, box, 'x'));
    const down = widestGap(profile(image, box, 'y'));
    const acrossWidth = across ? across.end - across.start : 0;
    const downWidth = down ? down.end - down.start : 0;
    if (Math.max(acrossWidth, downWidth) < minGutterPx) {
      out.push(box);
      continue;
    }
    const parts: Box[] =
      acrossWidth >= downWidth
        ? [
            { x: box.x, y: box.y, width: across!.start, height: box.height },
            { x: box.x + across!.end, y: box.y, width: box.width - across!.end, height: box.height },
          ]
        : [
            { x: box.x, y: box.y, width: box.width, height: down!.start },
            { x: box.x, y: box.y + down!.end, width: box.width, height: box.height - down!.end },
          ];
    for (const part of parts) {
      const trimmed = inkBox(image, part);
      if (trimmed) pending.push(trimmed);
    }
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

export interface LinearCandidate {
  box: Box;
  /** `vertical` bars read across the page (left↔right); `horizontal` bars read up or down the page. */
  bars: 'vertical' | 'horizontal';
}

/**
 * Side of the square cells the picture is judged in, in pixels (at 50 dpi, about 0.12 in: a barcode is
 * several cells long and at least two cells tall, a letter is about one cell).
 */
export const BARCODE_CELL_PX = 6;
/**
 * A cell is barred when its brightness changes a lot across the bars (summed steps per pixel, as a share of
 * full black↔white) and hardly at all along them. Text changes both ways, a single rule line is too sparse.
 */
const BAR_EDGE_DENSITY = 0.25;
const BAR_DIRECTION_RATIO = 3;
/** A barcode covers at least this many barred cells, this many along its reading direction and across it. */
const MIN_BAR_CELLS = 6;
const MIN_CELLS_ALONG = 3;
const MIN_CELLS_ACROSS = 2;

/**
 * Boxes that look like 1-D barcodes (PDF417's stacked rows too): connected runs of cells crossed by many
 * parallel bars. They are candidates: the caller may decode them for their reading direction, but a barcode a
 * watermark crosses still counts as one here.
 */
export function linearBarcodeCandidates(image: GrayImage): LinearCandidate[] {
  const cell = BARCODE_CELL_PX;
  const cols = Math.floor((image.width - 1) / cell);
  const rows = Math.floor((image.height - 1) / cell);
  // 1 = bars run up and down (the code reads across), 2 = bars run across.
  const mark = new Uint8Array(cols * rows);
  const px = image.pixels;
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      let sx = 0;
      let sy = 0;
      for (let y = cy * cell; y < (cy + 1) * cell; y++) {
        const row = y * image.stride;
        for (let x = cx * cell; x < (cx + 1) * cell; x++) {
          const v = px[row + x]!;
          sx += Math.abs(px[row + x + 1]! - v);
          sy += Math.abs(px[row + image.stride + x]! - v);
        }
      }
      const density = (sx + sy) / (cell * cell * 255);
      if (density < BAR_EDGE_DENSITY) continue;
      if (sx > BAR_DIRECTION_RATIO * sy) mark[cy * cols + cx] = 1;
      else if (sy > BAR_DIRECTION_RATIO * sx) mark[cy * cols + cx] = 2;
    }
  }
  const out: LinearCandidate[] = [];
  const seen = new Uint8Array(cols * rows);
  const stack: number[] = [];
  for (let start = 0; start < mark.length; start++) {
    const kind = mark[start]!;
    if (!kind || seen[start]) continue;
    let minX = cols;
    let maxX = -1;
    let minY = rows;
    let maxY = -1;
    let count = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % cols;
      const y = (i - x) / cols;
      count++;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      for (const [nx, ny] of [
        [x - 1, y],
        [x + 1, y],
        [x, y - 1],
        [x, y + 1],
      ] as const) {
        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
        const j = ny * cols + nx;
        if (!seen[j] && mark[j] === kind) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    const spanX = maxX - minX + 1;
    const spanY = maxY - minY + 1;
    const along = kind === 1 ? spanX : spanY;
    const across = kind === 1 ? spanY : spanX;
    if (count < MIN_BAR_CELLS || along < MIN_CELLS_ALONG || across < MIN_CELLS_ACROSS) continue;
    out.push({
      box: { x: minX * cell, y: minY * cell, width: spanX * cell, height: spanY * cell },
      bars: kind === 1 ? 'vertical' : 'horizontal',
    });
  }
  return out;
}

/** True when the centre of `inner` lies inside `outer`. */
export function centreInside(inner: Box, outer: Box): boolean {
  const cx = inner.x + inner.width / 2;
  const cy = inner.y + inner.height / 2;
  return cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height;
}
