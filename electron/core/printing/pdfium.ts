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
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
}

/** `FPDFBitmap_Gray`: one byte per pixel, 0 black … 255 white. */
const BITMAP_GRAY = 1;
/** `FPDF_ANNOT`: annotations with an appearance (stamps, filled form fields) are part of a label. */
const RENDER_ANNOTATIONS = 0x01;
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

export interface PdfPage {
  /** Size in points after the page's own /Rotate, as a viewer shows it. */
  widthPt: number;
  heightPt: number;
  /**
   * Draws the page onto a white `width`×`height` grey bitmap through `matrix`
   * (from the page as shown, y down, in points, to bitmap pixels) and hands
   * the pixels to `use` before the bitmap is freed.
   */
  drawGray<T>(width: number, height: number, matrix: Matrix, use: (bitmap: GrayPixels) => T): T;
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

function pageOf(pdfium: PdfiumWasm, handle: number): PdfPage {
  return {
    widthPt: pdfium._FPDF_GetPageWidthF(handle),
    heightPt: pdfium._FPDF_GetPageHeightF(handle),
    drawGray(width, height, matrix, use) {
      const bitmap = pdfium._FPDFBitmap_CreateEx(width, height, BITMAP_GRAY, 0, 0);
      if (!bitmap) throw new Error(`PDFium could not allocate a ${width}×${height} bitmap`);
      const args = pdfium.wasmExports.malloc((MATRIX_FLOATS + RECT_FLOATS) * FLOAT_BYTES);
      try {
        pdfium._FPDFBitmap_FillRect(bitmap, 0, 0, width, height, OPAQUE_WHITE);
        const clip = args + MATRIX_FLOATS * FLOAT_BYTES;
        pdfium.HEAPF32.set([...matrix, 0, 0, width, height], args / FLOAT_BYTES);
        pdfium._FPDF_RenderPageBitmapWithMatrix(bitmap, handle, args, clip, RENDER_ANNOTATIONS);
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
