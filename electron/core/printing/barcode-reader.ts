/**
 * Reads barcodes off a grey picture with ZXing (zxing-cpp, Apache-2.0, as
 * WebAssembly through `zxing-wasm`, MIT): the label finder uses it to learn
 * which way a label's barcodes read, so a label stored sideways is turned the
 * right way up. The WASM binary is read from the package's own file (never a
 * CDN), like PDFium's, and loaded on first use.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as ZxingReaderModule from 'zxing-wasm/reader';
import type { ReadInputBarcodeFormat, ReadResult } from 'zxing-wasm/reader';

export interface ReadBarcode {
  format: string;
  text: string;
  /**
   * Which way it reads, in degrees clockwise on the picture (ZXing's convention): 0 left to right, 90 top to
   * bottom, 180 right to left (upside down), -90 bottom to top.
   */
  rotation: number;
}

export interface GrayPixels {
  width: number;
  height: number;
  stride: number;
  pixels: Uint8Array;
}

/** 1-D symbologies carriers print (PDF417 reads along its rows like them). */
const LINEAR_FORMATS: ReadInputBarcodeFormat[] = [
  'Code128',
  'Code39',
  'Code93',
  'ITF',
  'Codabar',
  'EAN13',
  'EAN8',
  'UPCA',
  'UPCE',
  'PDF417',
];
/** A candidate box holds one barcode, now and then two stacked. */
const MAX_SYMBOLS = 4;

type ZxingReader = typeof ZxingReaderModule;
let loading: Promise<ZxingReader> | null = null;

function loadZxing(): Promise<ZxingReader> {
  loading ??= (async () => {
    const zxing = await import('zxing-wasm/reader');
    const wasm = await readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    await zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return zxing;
  })();
  // A failed load (missing file) is not cached: the next print tries again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Reads the 1-D barcodes (and PDF417) in a grey picture; an unreadable picture reads as none. */
export async function readLinearBarcodes(image: GrayPixels): Promise<ReadBarcode[]> {
  const zxing = await loadZxing();
  // ZXing takes an ImageData-shaped object (RGBA); grey goes into each colour channel.
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let y = 0; y < image.height; y++) {
    const row = y * image.stride;
    for (let x = 0; x < image.width; x++) {
      const v = image.pixels[row + x]!;
      const o = (y * image.width + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = v;
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  const data = { data: rgba, width: image.width, height: image.height, colorSpace: 'srgb' } as unknown as Parameters<
    ZxingReader['readBarcodes']
  >[0];
  const results: ReadResult[] = await zxing.readBarcodes(data, {
    formats: LINEAR_FORMATS,
    tryHarder: true,
    tryRotate: true,
    tryInvert: false,
    tryDownscale: false,
    maxNumberOfSymbols: MAX_SYMBOLS,
  });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text, rotation: r.orientation }));
}
