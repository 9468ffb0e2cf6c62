/**
 * The carrier label corpus (test/fixtures/labels, a copy of ../shared/labels)
 * as the print-fidelity test and bench see it: which files are labels (read
 * from MANIFEST.md, so a file added there is checked too), which barcodes
 * read on each original, and which of them still read after fitting on each
 * print path. The station's own code takes no part in reading: the original
 * and the fitted PDF are drawn by poppler (pdftoppm), the ZPL by zebrash, and
 * ZXing reads the barcodes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readBarcodesFrom, renderZpl, type RenderedLabel } from './zpl-check';

export const LABELS_DIR = join(import.meta.dirname, '../fixtures/labels');
/** Printers and the issue's check: 203 dpi, 8 dots/mm. */
export const CHECK_DPI = 203;
const DOTS_PER_MM_203 = 8;
/** A printer's head fires on a dot darker than half-grey; the check thresholds the same way. */
const BLACK_BELOW = 128;

export const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

export interface CorpusFile {
  file: string;
  format: 'pdf' | 'png';
  carrier: string;
  notes: string;
}

/**
 * Manifest rows that are label documents: PDFs and PNGs (expected renders of the ZPL files included: they are
 * label images), without invoices, generic print-test pages, and files whose barcodes the manifest says do not
 * read from the rendered page (dpd-be-a6: a DEMO watermark crosses them).
 */
export function corpusLabels(): CorpusFile[] {
  const manifest = readFileSync(join(LABELS_DIR, 'MANIFEST.md'), 'utf8');
  const present = new Set(readdirSync(LABELS_DIR));
  const out: CorpusFile[] = [];
  for (const line of manifest.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8) continue;
    const [, file, kind, , , carrier, barcodes, notes] = cells as [string, string, string, string, string, string, string, string];
    if (!present.has(file) || !/^(pdf|png)\b/.test(kind)) continue;
    if (/invoice|not a label/i.test(notes) || /^none\b/i.test(carrier) || /do not read/i.test(barcodes)) continue;
    out.push({ file, format: file.endsWith('.png') ? 'png' : 'pdf', carrier, notes });
  }
  return out;
}

/** Manifest rows that are documents, not labels (invoices, print-test pages): they must print whole. */
export function corpusDocuments(): CorpusFile[] {
  const labels = new Set(corpusLabels().map((f) => f.file));
  const manifest = readFileSync(join(LABELS_DIR, 'MANIFEST.md'), 'utf8');
  const out: CorpusFile[] = [];
  for (const line of manifest.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8) continue;
    const [, file, kind, , , carrier, , notes] = cells as [string, string, string, string, string, string, string, string];
    if (!/^(pdf|png)$/.test(kind) || labels.has(file) || !readdirSync(LABELS_DIR).includes(file)) continue;
    if (/invoice|not a label/i.test(notes)) out.push({ file, format: kind as 'pdf' | 'png', carrier, notes });
  }
  return out;
}

export interface ReadCode {
  text: string;
  format: string;
  /** Degrees as ZXing reports them: 0 reads left to right, -90 bottom to top, 90 top to bottom, 180 upside down. */
  rotation: number;
}

export async function readCodes(image: RenderedLabel): Promise<ReadCode[]> {
  return (await readBarcodesFrom(image)).map((r) => ({ text: r.text, format: r.format, rotation: r.orientation }));
}

/** Grey → black/white at the printer's threshold, as RGBA for ZXing. */
function thresholdGray(gray: ArrayLike<number>, width: number, height: number, channels: number): RenderedLabel {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = gray[i * channels]! < BLACK_BELOW ? 0 : 255;
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

function pngToRgba(bytes: Uint8Array, threshold: boolean): RenderedLabel {
  const png = PNG.sync.read(Buffer.from(bytes));
  if (threshold) return thresholdGray(png.data, png.width, png.height, 4);
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
}

/** Every page of a PDF drawn by poppler at `dpi`, grey; thresholded like a printer when asked. */
export function popplerPages(pdf: Uint8Array, dpi: number, threshold: boolean): RenderedLabel[] {
  const dir = mkdtempSync(join(tmpdir(), 'label-corpus-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('page'))
      .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
      .map((f) => pngToRgba(readFileSync(join(dir, f)), threshold));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The original, unscaled: PDF pages at 203 dpi (anti-aliased, as a viewer shows them), a PNG pixel for pixel. */
export async function originalCodes(entry: CorpusFile): Promise<ReadCode[][]> {
  const bytes = readFileSync(join(LABELS_DIR, entry.file));
  const pages = entry.format === 'png' ? [pngToRgba(bytes, false)] : popplerPages(bytes, CHECK_DPI, false);
  return Promise.all(pages.map(readCodes));
}

/** The fitted PDF as a 203 dpi printer prints it: drawn at 203 dpi and cut at half-grey. */
export async function fittedPdfCodes(pdf: Uint8Array): Promise<{ pages: RenderedLabel[]; codes: ReadCode[][] }> {
  const pages = popplerPages(pdf, CHECK_DPI, true);
  return { pages, codes: await Promise.all(pages.map(readCodes)) };
}

/** The ZPL as a 203 dpi printer prints it (zebrash), on a label of `widthMm` × `heightMm`. */
export async function zplCodes(zpl: string, widthMm: number, heightMm: number): Promise<{ pages: RenderedLabel[]; codes: ReadCode[][] }> {
  const pages = await renderZpl(zpl, widthMm, heightMm, DOTS_PER_MM_203);
  return { pages, codes: await Promise.all(pages.map(readCodes)) };
}

/** One barcode of the original, and whether each path still reads it. */
export interface KeptCode {
  page: number;
  text: string;
  format: string;
  pdf: boolean;
  zpl: boolean;
}

/** Which of the original's barcodes (by content) read anywhere in the fitted output of each path. */
export function keptCodes(original: ReadCode[][], pdf: ReadCode[][], zpl: ReadCode[][]): KeptCode[] {
  const onPdf = new Set(pdf.flat().map((c) => `${c.format}:${c.text}`));
  const onZpl = new Set(zpl.flat().map((c) => `${c.format}:${c.text}`));
  const out: KeptCode[] = [];
  const seen = new Set<string>();
  original.forEach((codes, i) => {
    for (const c of codes) {
      const key = `${i}:${c.format}:${c.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        page: i + 1,
        text: c.text,
        format: c.format,
        pdf: onPdf.has(`${c.format}:${c.text}`),
        zpl: onZpl.has(`${c.format}:${c.text}`),
      });
    }
  });
  return out;
}

/** Angle difference folded into (-180, 180]. */
export function angleBetween(a: number, b: number): number {
  const d = (((a - b) % 360) + 360) % 360;
  return d > 180 ? d - 360 : d;
}

/**
 * Whether a fitted page is upright: each barcode on it reads at the angle it has on the label as the carrier
 * laid it out (`uprightRotation` of the same code on the original, corrected by how the original is stored).
 * Returns the codes that do not, empty when the page is upright.
 */
export function notUpright(fitted: ReadCode[], uprightRotation: Map<string, number>): ReadCode[] {
  return fitted.filter((c) => {
    const want = uprightRotation.get(`${c.format}:${c.text}`);
    return want !== undefined && Math.abs(angleBetween(c.rotation, want)) > 10;
  });
}

/**
 * Barcodes the fitted label cannot keep, and why. Each is a code that reads on the original and cannot read at
 * 203 dpi once its label is shrunk to fit 4×6 in: the fidelity test fails if one of them starts reading (drop it
 * from here) and the bench counts them.
 */
export const EXPECTED_LOSSES: Record<string, Array<{ text: string; why: string }>> = {
  'postat-a4-landscape-2up.pdf': [
    {
      text: '1000000500113230110301',
      why:
        'a 406 ppi 1-bit Code 128 whose bars are 1 printer dot wide at real size; each 3.9 × 7.0 in label must shrink to 0.84 to fit ' +
        '6 in, and a bar cannot be 0.84 dot: lost on the ZPL path, kept by luck of poppler’s resampling on the PDF path (the same ' +
        'label alone on A5 carries the number in a larger code)',
    },
  ],
};

/** How each corpus original is stored: content turned this many degrees (clockwise) from upright. */
export const STORED_TURNED: Record<string, number> = {
  // The manifest: "label rotated 90° (landscape raster)"; its text and barcodes read bottom to top.
  'ups-1400x800.png': -90,
};

export interface FileResult {
  file: string;
  codes: KeptCode[];
  /** Per fitted page and path, the codes that read the wrong way up (empty when upright). */
  notUpright: { pdf: ReadCode[][]; zpl: ReadCode[][] };
  pdfPages: number;
  zplPages: number;
}

export interface FitPaths {
  pdf(bytes: Uint8Array, format: 'pdf' | 'png'): Promise<Uint8Array>;
  zpl(bytes: Uint8Array, format: 'pdf' | 'png'): Promise<string>;
}

/** Fits one corpus file on both paths and reads everything back. */
export async function fitAndRead(entry: CorpusFile, paths: FitPaths, widthMm: number, heightMm: number): Promise<FileResult> {
  const bytes = readFileSync(join(LABELS_DIR, entry.file));
  const original = await originalCodes(entry);
  const pdf = await fittedPdfCodes(await paths.pdf(bytes, entry.format));
  const zpl = await zplCodes(await paths.zpl(bytes, entry.format), widthMm, heightMm);
  const turned = STORED_TURNED[entry.file] ?? 0;
  const upright = new Map<string, number>();
  for (const c of original.flat()) upright.set(`${c.format}:${c.text}`, angleBetween(c.rotation, turned));
  return {
    file: entry.file,
    codes: keptCodes(original, pdf.codes, zpl.codes),
    notUpright: { pdf: pdf.codes.map((p) => notUpright(p, upright)), zpl: zpl.codes.map((p) => notUpright(p, upright)) },
    pdfPages: pdf.pages.length,
    zplPages: zpl.pages.length,
  };
}

/** One line per file: what read on the original, and what each path kept. */
export function describeResult(r: FileResult): string {
  const kept = (path: 'pdf' | 'zpl'): string => `${r.codes.filter((c) => c[path]).length}/${r.codes.length}`;
  const lost = r.codes.filter((c) => !c.pdf || !c.zpl).map((c) => `${c.format} ${c.text}${c.pdf ? '' : ' (PDF)'}${c.zpl ? '' : ' (ZPL)'}`);
  return `${r.file.padEnd(48)} PDF ${kept('pdf').padEnd(5)} ZPL ${kept('zpl').padEnd(5)} ${lost.length ? `lost: ${lost.join(', ')}` : ''}`;
}
