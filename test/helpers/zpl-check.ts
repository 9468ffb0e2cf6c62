/**
 * An independent check of the station's ZPL: zebrash (a ZPL renderer, as
 * WASM) draws the ZPL back into an image the way a printer would, and ZXing
 * (as WASM) reads the barcodes off that image. The station's code takes part
 * in neither, so a barcode that reads here was really in the ZPL.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { zplToBase64MultipleAsync } from 'zpl-renderer-js';

const require = createRequire(import.meta.url);
let zxingReady: Promise<unknown> | null = null;

/** ZXing loads its WASM from a CDN unless handed the bytes: hand it the copy in its own package. */
function ensureZxing(): Promise<unknown> {
  zxingReady ??= (async () => {
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return zxingReady;
}

export interface RenderedLabel {
  width: number;
  height: number;
  /** RGBA, as pngjs decodes it. */
  rgba: Uint8Array;
}

/** Renders each `^XA…^XZ` of `zpl` on a label of the given size (dpmm 8 = 203 dpi, 12 = 300 dpi). */
export async function renderZpl(zpl: string, widthMm: number, heightMm: number, dpmm: number): Promise<RenderedLabel[]> {
  const pages = await zplToBase64MultipleAsync(zpl, widthMm, heightMm, dpmm);
  return pages.map((b64) => {
    const png = PNG.sync.read(Buffer.from(b64, 'base64'));
    return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
  });
}

/** `maxSymbols`: how many barcodes to look for (a handover page carries a few dozen). */
export async function readBarcodesFrom(image: RenderedLabel, maxSymbols = 16): Promise<ReadResult[]> {
  await ensureZxing();
  // ZXing takes any object shaped like the DOM's ImageData (Node has no ImageData class).
  const imageData = {
    data: new Uint8ClampedArray(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength),
    width: image.width,
    height: image.height,
    colorSpace: 'srgb',
  };
  return readBarcodes(imageData as unknown as Parameters<typeof readBarcodes>[0], {
    tryHarder: true,
    maxNumberOfSymbols: maxSymbols,
    formats: [],
  });
}

/** Share of black pixels in a rendered label (0…1): a blank render means nothing was drawn. */
export function inkCoverage(image: RenderedLabel): number {
  let black = 0;
  for (let i = 0; i < image.rgba.length; i += 4) if (image.rgba[i]! < 128) black++;
  return black / (image.width * image.height);
}
