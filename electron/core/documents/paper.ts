/**
 * Page sizes and the type sizes that go with them: a 4×6 in thermal label
 * is read at arm's length like a sheet, but has a third of its width.
 */
import { MM_PER_INCH, POINTS_PER_INCH } from '../printing/media';
import type { PaperSize } from './types';

export interface PaperMetrics {
  widthPt: number;
  heightPt: number;
  marginPt: number;
  /** Body text, table cells. */
  bodyPt: number;
  /** Footers, column headings, notes under a value. */
  smallPt: number;
  /** Section headings ("Ship to"). */
  headingPt: number;
  /** The document's title. */
  titlePt: number;
  barcodeHeightPt: number;
  /** Barcode height in a table row (handover list). */
  rowBarcodeHeightPt: number;
  /** The printer this paper usually goes to; barcode modules are whole dots at it. */
  defaultDpi: number;
}

const mm = (value: number): number => (value / MM_PER_INCH) * POINTS_PER_INCH;

/** ISO 216 A4 is 210 × 297 mm. */
const A4_WIDTH_MM = 210;
const A4_HEIGHT_MM = 297;
const LETTER_WIDTH_IN = 8.5;
const LETTER_HEIGHT_IN = 11;
const LABEL_WIDTH_IN = 4;
const LABEL_HEIGHT_IN = 6;
const SHEET_MARGIN_MM = 12.7;
const LABEL_MARGIN_MM = 4;
const LASER_DPI = 600;
const THERMAL_DPI = 203;

const SHEET_TYPE = {
  bodyPt: 9.5,
  smallPt: 7.5,
  headingPt: 10.5,
  titlePt: 17,
  barcodeHeightPt: mm(13),
  rowBarcodeHeightPt: mm(9),
  defaultDpi: LASER_DPI,
  marginPt: mm(SHEET_MARGIN_MM),
};

export const PAPER: Readonly<Record<PaperSize, PaperMetrics>> = {
  A4: { widthPt: mm(A4_WIDTH_MM), heightPt: mm(A4_HEIGHT_MM), ...SHEET_TYPE },
  Letter: { widthPt: LETTER_WIDTH_IN * POINTS_PER_INCH, heightPt: LETTER_HEIGHT_IN * POINTS_PER_INCH, ...SHEET_TYPE },
  '4x6in': {
    widthPt: LABEL_WIDTH_IN * POINTS_PER_INCH,
    heightPt: LABEL_HEIGHT_IN * POINTS_PER_INCH,
    marginPt: mm(LABEL_MARGIN_MM),
    bodyPt: 7.5,
    smallPt: 6,
    headingPt: 8,
    titlePt: 11,
    barcodeHeightPt: mm(11),
    rowBarcodeHeightPt: mm(8),
    defaultDpi: THERMAL_DPI,
  },
};
