import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';

// Vite bundles the worker as a `.js` file of this app, so the page's CSP ('self') allows it and
// every server (browser mode, the desktop app's protocol) serves it with a script MIME type.
GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });

/** Label pages are drawn this wide in CSS pixels (times the screen's pixel ratio for sharpness). */
export const PREVIEW_WIDTH_PX = 380;
/** A label document has one page per parcel; more than this is not a label. */
const MAX_PREVIEW_PAGES = 20;

/**
 * Draws each page of a label PDF onto its own canvas. PDF.js runs without
 * WebAssembly (the CSP has no 'wasm-unsafe-eval'; label PDFs need none of its
 * image decoders) and never touches the network.
 */
export async function renderPdfPages(bytes: Uint8Array, pixelRatio: number): Promise<HTMLCanvasElement[]> {
  const task = getDocument({ data: bytes, useWasm: false, useWorkerFetch: false, enableXfa: false });
  const pdf = await task.promise;
  try {
    const canvases: HTMLCanvasElement[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PREVIEW_PAGES); n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (PREVIEW_WIDTH_PX / base.width) * pixelRatio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      canvas.style.width = `${PREVIEW_WIDTH_PX}px`;
      await page.render({ canvas, viewport }).promise;
      canvases.push(canvas);
    }
    return canvases;
  } finally {
    // Ends the worker side of this document; the drawn canvases stay.
    await task.destroy();
  }
}
