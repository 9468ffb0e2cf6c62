/**
 * PDFium (Google's PDF renderer, BSD-3-Clause) compiled to WebAssembly, via
 * `@hyzyla/pdfium` (MIT): the same rasterizer on Windows, macOS and Linux,
 * nothing native to build, and a licence a closed-source app may ship (the
 * previous rasterizer, MuPDF, is AGPL-3.0).
 *
 * The package's high-level page API only renders whole pages at a uniform
 * scale; label printing needs an arbitrary transform (fit, centre, quarter
 * turn in one pass), so this module talks to PDFium's C API directly
 * (`FPDF_RenderPageBitmapWithMatrix`) through the package's Emscripten module.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The part of PDFium's C API used here (names as exported by the WASM build). */
interface PdfiumWasm {
  _FPDF_InitLibrary(): void;
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_GetLastError(): number;
  _FPDF_CloseDocument(document: number): void;
  _FPDF_GetPageCount(document: number): number;
  _FPDF_LoadPage(document: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDF_GetPageWidthF(page: number): number;
  _FPDF_GetPageHeightF(page: number): number;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, buffer: number, stride: number): number;
  _FPDFBitmap_FillRect(bitmap: number, left: number, top: number, width: number, height: number, argb: number): void;
  _FPDFBitmap_GetBuffer(bitmap: number): number;
  _FPDFBitmap_GetStride(bitmap: number): number;
  _FPDFBitmap_Destroy(bitmap: number): void;
  _FPDF_RenderPageBitmapWithMatrix(bitmap: number, page: number, matrix: number, clip: number, flags: number): void;
  _FPDFPage_GetRotation(page: number): number;
  _FPDF_GetPageBoundingBox(page: number, rect: number): number;
  _FPDFText_LoadPage(page: number): number;
  _FPDFText_ClosePage(textPage: number): void;
  _FPDFText_CountChars(textPage: number): number;
  _FPDFText_GetUnicode(textPage: number, index: number): number;
  _FPDFText_GetCharAngle(textPage: number, index: number): number;
  _FPDFText_GetCharBox(textPage: number, index: number, left: number, right: number, bottom: number, top: number): number;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, index: number): number;
  _FPDFPageObj_GetType(object: number): number;
  _FPDFPageObj_GetBounds(object: number, left: number, bottom: number, right: number, top: number): number;
  _FPDFImageObj_GetImageMetadata(object: number, page: number, metadata: number): number;
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
  HEAP32: Int32Array;
}

/** `FPDFBitmap_Gray`: one byte per pixel, 0 black … 255 white. */
const BITMAP_GRAY = 1;
/** `FPDF_ANNOT`: annotations with an appearance (stamps, filled form fields) are part of a label. */
const RENDER_ANNOTATIONS = 0x01;
/** `FPDF_RENDER_NO_SMOOTHIMAGE`: images scaled by whole dots stay exact (each pixel becomes n×n dots). */
const RENDER_NO_SMOOTH_IMAGES = 0x200;
/** `FPDF_PAGEOBJ_IMAGE`. */
const OBJECT_IMAGE = 3;
/** `FPDF_IMAGEOBJ_METADATA`: width, height (uint), horizontal and vertical dpi (float), bits per pixel, colour space, marked content id. */
const IMAGE_METADATA_BYTES = 28;
const DOUBLE_BYTES = 8;
/** Characters that carry no reading direction: spaces, tabs, line breaks. */
const BLANK_CHARS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xa0, 0x3000]);
const OPAQUE_WHITE = 0xffffffff;
const FLOAT_BYTES = 4;
/** `FS_MATRIX` is six floats (a b c d e f); `FS_RECTF` four (left top right bottom). */
const MATRIX_FLOATS = 6;
const RECT_FLOATS = 4;

/** `FPDF_GetLastError` codes, in words a log reader understands. */
const LOAD_ERRORS: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or could not be opened',
  3: 'not a PDF or damaged beyond repair',
  4: 'password required',
  5: 'unsupported security handler',
  6: 'page not found or content error',
};

/** A 2-D affine transform `[a, b, c, d, e, f]`: device = (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = readonly [number, number, number, number, number, number];

export interface GrayPixels {
  /** Row-major grey levels (0 black … 255 white); valid only inside the `draw` callback. */
  pixels: Uint8Array;
  stride: number;
}

/** A box on the page as shown (after /Rotate), in points from its top-left corner, y down. */
export interface ShownBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One character of the page's text layer and the way it reads. */
export interface TextChar {
  /** Where it is on the page as shown. */
  box: ShownBox;
  /** Reading direction in degrees clockwise on the page as shown (0 left to right, -90 bottom to top). */
  rotation: number;
}

/** An image drawn on the page, with its own pixel size, so the planner can map its pixels onto whole dots. */
export interface PageImage {
  box: ShownBox;
  widthPx: number;
  heightPx: number;
  bitsPerPixel: number;
}

export interface DrawOptions {
  /** False draws images by nearest pixel (exact for whole-dot scales); true (default) smooths them. */
  smoothImages?: boolean;
  /** Only this part of the bitmap is drawn on (pixels, left/top inclusive, right/bottom exclusive); all of it by default. */
  clip?: { left: number; top: number; right: number; bottom: number };
}

export interface PdfPage {
  /** Size in points after the page's own /Rotate, as a viewer shows it. */
  widthPt: number;
  heightPt: number;
  /** The characters of the page's text layer (none for a scanned or image-only page). */
  readText(): TextChar[];
  /** The images placed directly on the page (not those nested in form XObjects). */
  readImages(): PageImage[];
  /**
   * Draws the page onto a white `width`×`height` grey bitmap through `matrix`
   * (from the page as shown, y down, in points, to bitmap pixels) and hands
   * the pixels to `use` before the bitmap is freed.
   */
  drawGray<T>(width: number, height: number, matrix: Matrix, use: (bitmap: GrayPixels) => T, options?: DrawOptions): T;
}

export interface PdfDocument {
  pageCount: number;
  /** `use` gets the page; it is closed afterwards, whatever happens. */
  withPage<T>(index: number, use: (page: PdfPage) => T): T;
  close(): void;
}

export class PdfOpenError extends Error {
  constructor(readonly code: number) {
    super(`PDFium cannot open the document: ${LOAD_ERRORS[code] ?? `error ${code}`}`);
    this.name = 'PdfOpenError';
  }
}

let loading: Promise<PdfiumWasm> | null = null;

/**
 * The WASM binary is read from the package's own file (never fetched), by a
 * path resolved from this module, so it works from node_modules in
 * development and from app.asar.unpacked in a packaged build. Loaded on first
 * use: the station starts without paying for it.
 */
function loadPdfium(): Promise<PdfiumWasm> {
  loading ??= (async () => {
    const { PDFiumModule } = await import('@hyzyla/pdfium');
    const wasmPath = createRequire(import.meta.url).resolve('@hyzyla/pdfium/pdfium.wasm');
    const wasm = await readFile(wasmPath);
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    // locateFile is never consulted once wasmBinary is given; returning '' keeps the loader from building a URL.
    const module = (await PDFiumModule({ wasmBinary, locateFile: () => '' })) as unknown as PdfiumWasm;
    module._FPDF_InitLibrary();
    return module;
  })();
  // A failed load (missing file) is not cached: the next print tries again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Maps PDF user space (y up, the page's own axes) to the page as shown (y down, after /Rotate), given the
 * visible box (crop box) and the page's clockwise quarter turns.
 */
function userToShown(pdfium: PdfiumWasm, handle: number): (x: number, y: number) => { x: number; y: number } {
  const rect = pdfium.wasmExports.malloc(RECT_FLOATS * FLOAT_BYTES);
  let left = 0;
  let top = 0;
  let right = pdfium._FPDF_GetPageWidthF(handle);
  let bottom = 0;
  try {
    if (pdfium._FPDF_GetPageBoundingBox(handle, rect)) {
      [left, top, right, bottom] = pdfium.HEAPF32.subarray(rect / FLOAT_BYTES, rect / FLOAT_BYTES + RECT_FLOATS) as unknown as [
        number,
        number,
        number,
        number,
      ];
    }
  } finally {
    pdfium.wasmExports.free(rect);
  }
  const w = right - left;
  const h = top - bottom;
  const turns = ((pdfium._FPDFPage_GetRotation(handle) % 4) + 4) % 4;
  return (x, y) => {
    const u = x - left;
    const v = y - bottom;
    // Unrotated, y down: (u, h - v); each clockwise quarter turn of a w×h picture sends (a, b) to (h' - b, a).
    if (turns === 1) return { x: v, y: u };
    if (turns === 2) return { x: w - u, y: v };
    if (turns === 3) return { x: h - v, y: w - u };
    return { x: u, y: h - v };
  };
}

function shownBox(map: (x: number, y: number) => { x: number; y: number }, l: number, b: number, r: number, t: number): ShownBox {
  const a = map(l, b);
  const c = map(r, t);
  return { x: Math.min(a.x, c.x), y: Math.min(a.y, c.y), width: Math.abs(c.x - a.x), height: Math.abs(c.y - a.y) };
}

function pageOf(pdfium: PdfiumWasm, handle: number): PdfPage {
  const quarterTurnsCw = ((pdfium._FPDFPage_GetRotation(handle) % 4) + 4) % 4;
  return {
    widthPt: pdfium._FPDF_GetPageWidthF(handle),
    heightPt: pdfium._FPDF_GetPageHeightF(handle),
    readText() {
      const text = pdfium._FPDFText_LoadPage(handle);
      if (!text) return [];
      const map = userToShown(pdfium, handle);
      const box = pdfium.wasmExports.malloc(4 * DOUBLE_BYTES);
      try {
        const out: TextChar[] = [];
        const count = pdfium._FPDFText_CountChars(text);
        for (let i = 0; i < count; i++) {
          if (BLANK_CHARS.has(pdfium._FPDFText_GetUnicode(text, i))) continue;
          const angle = pdfium._FPDFText_GetCharAngle(text, i);
          if (angle < 0) continue;
          if (!pdfium._FPDFText_GetCharBox(text, i, box, box + DOUBLE_BYTES, box + 2 * DOUBLE_BYTES, box + 3 * DOUBLE_BYTES)) continue;
          const [l, r, b, t] = pdfium.HEAPF64.subarray(box / DOUBLE_BYTES, box / DOUBLE_BYTES + 4) as unknown as [
            number,
            number,
            number,
            number,
          ];
          // The angle is counter-clockwise in user space (y up); shown, the page's own clockwise turn adds to it.
          const rotation = ((((quarterTurnsCw * 90 - (angle * 180) / Math.PI) % 360) + 540) % 360) - 180;
          out.push({ box: shownBox(map, l, b, r, t), rotation });
        }
        return out;
      } finally {
        pdfium.wasmExports.free(box);
        pdfium._FPDFText_ClosePage(text);
      }
    },
    readImages() {
      const map = userToShown(pdfium, handle);
      const bounds = pdfium.wasmExports.malloc(RECT_FLOATS * FLOAT_BYTES);
      const meta = pdfium.wasmExports.malloc(IMAGE_METADATA_BYTES);
      try {
        const out: PageImage[] = [];
        const count = pdfium._FPDFPage_CountObjects(handle);
        for (let i = 0; i < count; i++) {
          const object = pdfium._FPDFPage_GetObject(handle, i);
          if (!object || pdfium._FPDFPageObj_GetType(object) !== OBJECT_IMAGE) continue;
          if (!pdfium._FPDFPageObj_GetBounds(object, bounds, bounds + FLOAT_BYTES, bounds + 2 * FLOAT_BYTES, bounds + 3 * FLOAT_BYTES))
            continue;
          if (!pdfium._FPDFImageObj_GetImageMetadata(object, handle, meta)) continue;
          const [l, b, r, t] = pdfium.HEAPF32.subarray(bounds / FLOAT_BYTES, bounds / FLOAT_BYTES + 4) as unknown as [
            number,
            number,
            number,
            number,
          ];
          const ints = pdfium.HEAP32.subarray(meta / 4, meta / 4 + 5);
          out.push({ box: shownBox(map, l, b, r, t), widthPx: ints[0]!, heightPx: ints[1]!, bitsPerPixel: ints[4]! });
        }
        return out;
      } finally {
        pdfium.wasmExports.free(bounds);
        pdfium.wasmExports.free(meta);
      }
    },
    drawGray(width, height, matrix, use, options = {}) {
      const bitmap = pdfium._FPDFBitmap_CreateEx(width, height, BITMAP_GRAY, 0, 0);
      if (!bitmap) throw new Error(`PDFium could not allocate a ${width}×${height} bitmap`);
      const args = pdfium.wasmExports.malloc((MATRIX_FLOATS + RECT_FLOATS) * FLOAT_BYTES);
      try {
        pdfium._FPDFBitmap_FillRect(bitmap, 0, 0, width, height, OPAQUE_WHITE);
        const clip = args + MATRIX_FLOATS * FLOAT_BYTES;
        const c = options.clip ?? { left: 0, top: 0, right: width, bottom: height };
        pdfium.HEAPF32.set([...matrix, c.left, c.top, c.right, c.bottom], args / FLOAT_BYTES);
        const flags = RENDER_ANNOTATIONS | (options.smoothImages === false ? RENDER_NO_SMOOTH_IMAGES : 0);
        pdfium._FPDF_RenderPageBitmapWithMatrix(bitmap, handle, args, clip, flags);
        const stride = pdfium._FPDFBitmap_GetStride(bitmap);
        const start = pdfium._FPDFBitmap_GetBuffer(bitmap);
        // HEAPU8 is read after rendering: the heap may have grown (and been replaced) meanwhile.
        return use({ pixels: pdfium.HEAPU8.subarray(start, start + stride * height), stride });
      } finally {
        pdfium.wasmExports.free(args);
        pdfium._FPDFBitmap_Destroy(bitmap);
      }
    },
  };
}

/** Opens PDF bytes; throws PdfOpenError when PDFium cannot read them. */
export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const pdfium = await loadPdfium();
  // PDFium reads the document lazily from this buffer: it stays allocated until close().
  const data = pdfium.wasmExports.malloc(bytes.length);
  pdfium.HEAPU8.set(bytes, data);
  const handle = pdfium._FPDF_LoadMemDocument(data, bytes.length, 0);
  if (!handle) {
    const code = pdfium._FPDF_GetLastError();
    pdfium.wasmExports.free(data);
    throw new PdfOpenError(code);
  }
  let closed = false;
  return {
    pageCount: pdfium._FPDF_GetPageCount(handle),
    withPage(index, use) {
      const page = pdfium._FPDF_LoadPage(handle, index);
      if (!page) throw new Error(`PDFium cannot load page ${index + 1}`);
      try {
        return use(pageOf(pdfium, page));
      } finally {
        pdfium._FPDF_ClosePage(page);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      pdfium._FPDF_CloseDocument(handle);
      pdfium.wasmExports.free(data);
    },
  };
}
