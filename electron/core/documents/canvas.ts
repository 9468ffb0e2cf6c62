/**
 * The drawing surface every document writer uses: pages of one paper size
 * with a running header and numbered footers, a cursor that moves down the
 * page and starts a new one when the next block does not fit, text set by
 * TextSetter (one run per font), and Code 128 barcodes.
 */
import { randomInt } from 'node:crypto';
import {
  fill,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  setLineWidth,
  setTextRenderingMode,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Language } from '../../../shared/domain/settings';
import { localeOf, translate } from '../../../shared/i18n';
import { code128Modules, QUIET_ZONE_MODULES } from '../printing/barcode';
import { MM_PER_INCH, POINTS_PER_INCH } from '../printing/media';
import { badBarcodeValue, barcodeTooWide } from './errors';
import { FONT_FEATURES, fontkitForPdfLib, loadFaces, type Face, type FaceId } from './fonts';
import { defaultTimeZone } from './format';
import { PAPER, type PaperMetrics } from './paper';
import { TextSetter, type SetLine } from './text';
import type { DocumentOptions, PaperSize } from './types';

/** Line box height and baseline position, in ems of the font size. */
export const LINE_HEIGHT_EM = 1.35;
const BASELINE_EM = 1.0;
/** Headings are the Regular face drawn with a stroke this wide (ems): one font file per script instead of two. */
const BOLD_STROKE_EM = 0.035;
/** Bars of 0.33 mm (13 mil) where they fit, never under 0.19 mm (7.5 mil), which laser and thermal scanners still read. */
const PREFERRED_MODULE_MM = 0.33;
const MIN_MODULE_MM = 0.19;
/** Code 128 encodes printable ASCII; anything else is refused with a clear message. */
const BARCODE_TEXT = /^[\x20-\x7e]+$/;
const SUBSET_TAG_LETTERS = 6;
const LETTERS_IN_ALPHABET = 26;
const CHAR_CODE_A = 65;

const BLACK = rgb(0, 0, 0);

export interface TextStyle {
  size: number;
  bold?: boolean;
}

interface Section {
  firstPage: number;
  footer: string;
}

export class DocumentCanvas {
  readonly pdf: PDFDocument;
  readonly paper: PaperMetrics;
  readonly paperSize: PaperSize;
  readonly setter: TextSetter;
  readonly language: Language;
  readonly timeZone: string;
  readonly dpi: number;
  readonly now: Date;
  /** Top of the next block, in points from the bottom of the page. */
  y = 0;
  private page_: PDFPage | null = null;
  private readonly fonts: ReadonlyMap<FaceId, PDFFont>;
  private readonly sections: Section[] = [];
  /** Bar and space widths per barcode value: one encoding however often a value is measured and drawn. */
  private readonly barcodeModules = new Map<string, readonly number[]>();
  private header: (canvas: DocumentCanvas) => void = () => {};

  private constructor(init: { pdf: PDFDocument; options: DocumentOptions; faces: readonly Face[]; fonts: ReadonlyMap<FaceId, PDFFont> }) {
    this.pdf = init.pdf;
    this.paperSize = init.options.paper;
    this.paper = PAPER[init.options.paper];
    this.language = init.options.language;
    this.timeZone = init.options.timeZone ?? defaultTimeZone();
    this.dpi = init.options.printerDpi ?? this.paper.defaultDpi;
    this.now = init.options.now ?? new Date();
    this.setter = new TextSetter(init.faces, init.options.language);
    this.fonts = init.fonts;
  }

  static async open(options: DocumentOptions, title: string): Promise<DocumentCanvas> {
    if (!PAPER[options.paper]) throw new RangeError(`Unknown paper size "${String(options.paper)}"`);
    const faces = await loadFaces(options.language);
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkitForPdfLib);
    const now = options.now ?? new Date();
    pdf.setTitle(title);
    pdf.setLanguage(localeOf(options.language));
    pdf.setCreator('Shipping Station');
    pdf.setProducer('Shipping Station');
    pdf.setCreationDate(now);
    pdf.setModificationDate(now);
    const fonts = new Map<FaceId, PDFFont>();
    for (const face of faces) {
      // A subset font's name starts with a tag of six capitals (PDF 32000 §9.6.4); random, so two documents merged into one never mix subsets.
      const tag = Array.from({ length: SUBSET_TAG_LETTERS }, () => String.fromCharCode(CHAR_CODE_A + randomInt(LETTERS_IN_ALPHABET))).join(
        '',
      );
      const postscript = face.font.postscriptName || `Noto-${face.id}`;
      fonts.set(
        face.id,
        await pdf.embedFont(face.bytes, { subset: true, features: { ...FONT_FEATURES }, customName: `${tag}+${postscript}` }),
      );
    }
    return new DocumentCanvas({ pdf, options: { ...options, now }, faces, fonts });
  }

  get page(): PDFPage {
    if (!this.page_) throw new Error('No page yet: start a section first');
    return this.page_;
  }

  get left(): number {
    return this.paper.marginPt;
  }

  get right(): number {
    return this.paper.widthPt - this.paper.marginPt;
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  get top(): number {
    return this.paper.heightPt - this.paper.marginPt;
  }

  /** Lowest point content may reach: the footer's line sits below it. */
  get bottom(): number {
    return this.paper.marginPt + this.lineHeight(this.paper.smallPt) * 1.5;
  }

  t(key: string, params?: Readonly<Record<string, string | number>>): string {
    return translate(this.language, `documents.${key}`, params);
  }

  lineHeight(size: number): number {
    return size * LINE_HEIGHT_EM;
  }

  /**
   * Starts a group of pages with its own footer and page count (a packing
   * slip; one courier's pages of a handover list). `header` is drawn at the
   * top of each of its pages, and leaves `y` below itself.
   */
  startSection(footer: string, header: (canvas: DocumentCanvas) => void): void {
    this.sections.push({ firstPage: this.pdf.getPageCount(), footer });
    this.header = header;
    this.newPage();
  }

  newPage(): void {
    this.page_ = this.pdf.addPage([this.paper.widthPt, this.paper.heightPt]);
    this.y = this.top;
    this.header(this);
  }

  /** Makes room for a block `height` points tall: a new page when it does not fit here. Returns true on a new page. */
  ensure(height: number): boolean {
    if (this.y - height >= this.bottom) return false;
    this.newPage();
    return true;
  }

  /** Fits `lines` of text in `widthPt` at `size`. */
  wrap(text: string, field: string, size: number, widthPt: number): SetLine[] {
    return this.setter.wrap(text, field, widthPt / size);
  }

  set(text: string, field: string): SetLine {
    return this.setter.line(text, field);
  }

  /** Draws one set line with its top at `top`. */
  drawLine(line: SetLine, x: number, top: number, style: TextStyle): void {
    const baseline = top - style.size * BASELINE_EM;
    if (style.bold) {
      this.page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(style.size * BOLD_STROKE_EM),
      );
    }
    let cursor = x;
    for (const run of line.runs) {
      this.page.drawText(run.text, { x: cursor, y: baseline, size: style.size, font: this.fonts.get(run.face.id)!, color: BLACK });
      cursor += run.widthEm * style.size;
    }
    if (style.bold) this.page.pushOperators(popGraphicsState());
  }

  drawLineRight(line: SetLine, right: number, top: number, style: TextStyle): void {
    this.drawLine(line, right - line.widthEm * style.size, top, style);
  }

  /** Lines at the cursor, each moving it down, continuing on a new page when the page is full. */
  flow(lines: readonly SetLine[], x: number, style: TextStyle): void {
    const height = this.lineHeight(style.size);
    for (const line of lines) {
      this.ensure(height);
      this.drawLine(line, x, this.y, style);
      this.y -= height;
    }
  }

  /** Wrapped text at the cursor across the content width (or `widthPt` from `x`). */
  paragraph(text: string, field: string, style: TextStyle, x = this.left, widthPt = this.right - x): void {
    this.flow(this.wrap(text, field, style.size, widthPt), x, style);
  }

  rule(y = this.y, thickness = 0.75, from = this.left, to = this.right): void {
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness, color: BLACK });
  }

  /** Module width in printer dots for `value` to fit `maxWidthPt`, quiet zones included. */
  barcodeModuleDots(value: string, field: string, maxWidthPt: number): number {
    this.checkBarcodeValue(value, field);
    const dotsPerMm = this.dpi / MM_PER_INCH;
    const preferred = Math.max(1, Math.ceil(PREFERRED_MODULE_MM * dotsPerMm));
    const least = Math.max(1, Math.ceil(MIN_MODULE_MM * dotsPerMm));
    for (let dots = preferred; dots >= least; dots--) if (this.barcodeWidthPt(value, dots) <= maxWidthPt) return dots;
    throw barcodeTooWide(this.language, field, value, this.paperSize);
  }

  /** Width of the symbol with its quiet zones. */
  barcodeWidthPt(value: string, moduleDots: number): number {
    const modules = this.modulesOf(value).reduce((a, b) => a + b, 0) + 2 * QUIET_ZONE_MODULES;
    return modules * this.modulePt(moduleDots);
  }

  /**
   * Draws `value` as Code 128 with its quiet zone's left edge at `x` and bars
   * from `bottom` up `heightPt`: one path of rectangles filled once (a 500-row
   * handover list has 15,000 bars).
   */
  drawBarcode(value: string, moduleDots: number, x: number, bottom: number, heightPt: number): void {
    const module = this.modulePt(moduleDots);
    const ops = [pushGraphicsState(), setFillingGrayscaleColor(0)];
    let cursor = x + QUIET_ZONE_MODULES * module;
    this.modulesOf(value).forEach((width, i) => {
      if (i % 2 === 0) ops.push(rectangle(cursor, bottom, width * module, heightPt));
      cursor += width * module;
    });
    ops.push(fill(), popGraphicsState());
    this.page.pushOperators(...ops);
  }

  private modulePt(moduleDots: number): number {
    return (moduleDots / this.dpi) * POINTS_PER_INCH;
  }

  private modulesOf(value: string): readonly number[] {
    let modules = this.barcodeModules.get(value);
    if (!modules) {
      modules = code128Modules(value);
      this.barcodeModules.set(value, modules);
    }
    return modules;
  }

  checkBarcodeValue(value: string, field: string): void {
    if (!BARCODE_TEXT.test(value)) throw badBarcodeValue(this.language, field, value);
  }

  /** Footers ("Order 1001 · Page 2 of 3"), once every page exists, then the PDF's bytes. */
  async save(): Promise<Uint8Array> {
    const pages = this.pdf.getPages();
    const size = this.paper.smallPt;
    this.sections.forEach((section, i) => {
      const end = this.sections[i + 1]?.firstPage ?? pages.length;
      const count = end - section.firstPage;
      for (let p = section.firstPage; p < end; p++) {
        this.page_ = pages[p]!;
        const top = this.paper.marginPt + this.lineHeight(size);
        const left = this.set(section.footer, 'footer');
        const right = this.set(this.t('common.page', { page: p - section.firstPage + 1, pages: count }), 'footer');
        this.drawLine(left, this.left, top, { size });
        this.drawLineRight(right, this.right, top, { size });
      }
    });
    return this.pdf.save();
  }
}
