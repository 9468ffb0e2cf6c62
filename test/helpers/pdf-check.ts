/**
 * Independent checks of the PDFs the station writes, for tests:
 *
 * - `inspectGlyphs` reads the PDF back (pdf-lib's parser, not its writer):
 *   every glyph shown by every text operator, with the font it is shown in.
 *   Each must be a real glyph (not 0, ".notdef", the box a viewer draws for
 *   a missing character), have an outline unless it is a space, and be the
 *   very outline the original font file has for the character the PDF says
 *   it is (ToUnicode). That proves no character prints as a box, as nothing,
 *   or as another character's glyph (a corrupt subset does the last two).
 * - `pdffonts`, `pdftotext` and `pdftoppm` are poppler's own view: embedded
 *   subset fonts with Unicode maps, the text read back, pages rendered.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as fontkit from 'fontkit';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { PNG } from 'pngjs';
import { FACE_FILES } from '../../electron/core/documents/fonts';
import type { RenderedLabel } from './zpl-check';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export function popplerAvailable(): boolean {
  return ['pdftoppm', 'pdffonts', 'pdftotext'].every((tool) => existsSync(`/usr/bin/${tool}`));
}

export const POPPLER_REQUIREMENT = { what: 'poppler-utils (pdftoppm, pdffonts, pdftotext)', install: 'apt-get install poppler-utils' };

export interface ShownGlyph {
  page: number;
  /** The font's BaseFont without its subset tag, e.g. "NotoSansTC-Regular". */
  font: string;
  cid: number;
  /** What the PDF's ToUnicode map says the glyph is. */
  text: string;
}

export interface GlyphReport {
  glyphs: ShownGlyph[];
  /** Every problem found, one line each; empty when every glyph is real and right. */
  problems: string[];
  /** The text of each page in drawing order, from ToUnicode. */
  pageText: string[];
}

/** Postscript name → the font file the station embeds it from. */
const SOURCE_FONTS = new Map<string, string>(Object.values(FACE_FILES).map((path) => [postscriptOf(path), path]));

function postscriptOf(path: string): string {
  const font = fontkit.create(readFileSync(require.resolve(path)));
  return 'postscriptName' in font ? font.postscriptName : path;
}

const originals = new Map<string, fontkit.Font>();
function original(postscript: string): fontkit.Font | null {
  const path = SOURCE_FONTS.get(postscript);
  if (!path) return null;
  let font = originals.get(path);
  if (!font) {
    font = fontkit.create(readFileSync(require.resolve(path))) as fontkit.Font;
    originals.set(path, font);
  }
  return font;
}

function streamBytes(object: PDFObject | undefined): Uint8Array {
  if (object instanceof PDFRawStream) return decodePDFRawStream(object).decode();
  if (object instanceof PDFStream) return object.getContents();
  throw new Error(`Expected a stream, got ${object?.constructor.name ?? 'nothing'}`);
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), hexText(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const [lo, hi, start] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), hexText(m[3]!)];
      for (let cid = lo; cid <= hi; cid++) map.set(cid, String.fromCodePoint(start.codePointAt(0)! + cid - lo));
    }
  }
  return map;
}

interface FontInfo {
  name: string;
  toUnicode: Map<number, string>;
  embedded: fontkit.Font | null;
}

function fontInfo(dict: PDFDict): FontInfo {
  const baseFont = dict.lookup(PDFName.of('BaseFont'), PDFName).decodeText();
  const name = baseFont.replace(/^[A-Z]{6}\+/, '');
  const toUnicodeObject = dict.lookup(PDFName.of('ToUnicode'));
  const toUnicode = toUnicodeObject ? parseToUnicode(new TextDecoder().decode(streamBytes(toUnicodeObject))) : new Map<number, string>();
  let embedded: fontkit.Font | null = null;
  const descendants = dict.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
  const cidFont = descendants?.lookup(0, PDFDict);
  const descriptor = cidFont?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  const file = descriptor?.lookup(PDFName.of('FontFile2'));
  if (file) embedded = fontkit.create(Buffer.from(streamBytes(file))) as fontkit.Font;
  return { name, toUnicode, embedded };
}

/** Tokens of a content stream: enough of PDF syntax for what pdf-lib writes (names, numbers, strings, arrays, operators). */
function* tokens(content: string): Generator<string> {
  const re = /\/[^\s/<>[\]()]+|<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|[^\s/<>[\]()]+/g;
  for (const m of content.matchAll(re)) yield m[0];
}

function cidsOfHex(hex: string): number[] {
  const digits = hex.slice(1, -1).replace(/\s/g, '');
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 4) out.push(parseInt(digits.slice(i, i + 4), 16));
  return out;
}

export async function inspectGlyphs(bytes: Uint8Array): Promise<GlyphReport> {
  const doc = await PDFDocument.load(bytes);
  const glyphs: ShownGlyph[] = [];
  const problems: string[] = [];
  const pageText: string[] = [];
  const outlineCache = new Map<string, boolean>();
  doc.getPages().forEach((page, index) => {
    const pageNumber = index + 1;
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    const fonts = new Map<string, FontInfo>();
    for (const [key, value] of fontDict?.entries() ?? []) {
      const dict = value instanceof PDFRef ? doc.context.lookup(value, PDFDict) : (value as PDFDict);
      fonts.set(key.asString().replace(/^\//, ''), fontInfo(dict));
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const content = streams.map((s) => new TextDecoder('latin1').decode(streamBytes(s as PDFObject))).join('\n');
    const operands: string[] = [];
    let current: FontInfo | null = null;
    let text = '';
    const show = (hex: string) => {
      if (!current) {
        problems.push(`page ${pageNumber}: text shown before any font was set`);
        return;
      }
      for (const cid of cidsOfHex(hex)) {
        const char = current.toUnicode.get(cid);
        const where = `page ${pageNumber}, ${current.name}, glyph ${cid}${char ? ` (${char})` : ''}`;
        glyphs.push({ page: pageNumber, font: current.name, cid, text: char ?? '' });
        text += char ?? '\uFFFD';
        if (cid === 0) problems.push(`${where}: .notdef — a missing character drawn as a box`);
        if (char === undefined) problems.push(`${where}: no Unicode mapping`);
        if (!current.embedded) {
          problems.push(`${where}: font not embedded`);
          continue;
        }
        if (char === undefined || /^\s+$/u.test(char)) continue;
        const key = `${current.name}\u0000${cid}`;
        if (outlineCache.has(key)) {
          if (!outlineCache.get(key)) problems.push(`${where}: wrong or empty outline`);
          continue;
        }
        const source = original(current.name);
        const codePoints = [...char].map((c) => c.codePointAt(0)!);
        let drawn: fontkit.Glyph;
        try {
          drawn = current.embedded.getGlyph(cid);
          void drawn.path.commands;
        } catch (error) {
          problems.push(`${where}: the embedded glyph cannot be read (${String(error)})`);
          outlineCache.set(key, false);
          continue;
        }
        let good = drawn.path.commands.length > 0;
        if (!good) problems.push(`${where}: the embedded glyph has no outline (prints as nothing)`);
        if (good && source && codePoints.length === 1) {
          const expected = source.glyphForCodePoint(codePoints[0]!);
          if (expected.id === 0) {
            good = false;
            problems.push(`${where}: the source font has no glyph for this character`);
          } else if (expected.path.toSVG() !== drawn.path.toSVG()) {
            good = false;
            problems.push(`${where}: the embedded outline differs from the font's own glyph for this character`);
          }
        }
        outlineCache.set(key, good);
      }
    };
    for (const token of tokens(content)) {
      if (/^[A-Za-z'"*]+$/.test(token) && !token.startsWith('/')) {
        if (token === 'Tf') {
          const name = operands.at(-2)?.slice(1) ?? '';
          current = fonts.get(name) ?? null;
          if (!current) problems.push(`page ${pageNumber}: unknown font resource /${name}`);
        } else if (token === 'Tj' || token === "'" || token === '"') {
          const operand = operands.at(-1) ?? '';
          if (operand.startsWith('<')) show(operand);
          else problems.push(`page ${pageNumber}: text as a literal string (${operand.slice(0, 20)}), not a glyph-id string`);
        } else if (token === 'TJ') {
          const start = operands.lastIndexOf('[');
          for (const item of operands.slice(start + 1)) if (item.startsWith('<')) show(item);
        } else if (token === 'ET') text += '\n';
        operands.length = 0;
      } else operands.push(token);
    }
    pageText.push(text);
  });
  return { glyphs, problems, pageText };
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts` rows: poppler's list of the fonts each page uses. */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFontRow[]> {
  const { stdout } = await withFile(bytes, (path) => run('pdffonts', [path]));
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(Identity-H|WinAnsi|Custom|Builtin|\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!m) throw new Error(`Cannot read pdffonts line: ${line}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes', subset: m[5] === 'yes', unicode: m[6] === 'yes' };
    });
}

/** `pdftotext -raw`: text in the order it is drawn, so a wrapped cell reads as one piece. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { stdout } = await withFile(bytes, (path) =>
    run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 * 1024 * 1024 }),
  );
  return stdout;
}

/** Every page rendered by pdftoppm at `dpi`, as RGBA; poppler's complaints (stderr) come back too. */
export async function renderPages(bytes: Uint8Array, dpi: number): Promise<{ pages: RenderedLabel[]; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-render-'));
  try {
    const pdf = join(dir, 'doc.pdf');
    writeFileSync(pdf, bytes);
    const { stderr } = await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', pdf, join(dir, 'page')]);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]));
    const pages = files.map((f) => {
      const png = PNG.sync.read(readFileSync(join(dir, f)));
      return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
    });
    return { pages, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-check-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, bytes);
    return await use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text without any whitespace: wrapped lines and table gaps do not matter when comparing. */
export function squeeze(text: string): string {
  return text.replace(/\s+/gu, '');
}
