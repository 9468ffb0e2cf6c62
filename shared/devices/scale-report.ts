/**
 * USB shipping scales (HID usage page 0x8D, "Weighing Devices", in the USB
 * HID Point of Sale Usage Tables 1.02, section 4): the input report a scale
 * sends, read into a status and a weight in kilograms (the API's unit).
 *
 * Pure and table-driven: it runs in the renderer, where WebHID delivers the
 * reports (`inputreport` events give the report id and the bytes after it),
 * and in tests from recorded reports. Nothing here keeps state: which report
 * is trusted (a stale first one, a wobbling parcel) is weight-policy.ts's job.
 *
 * The standard Scale Data Report (report id 3) is, after the id:
 *   byte 0  Scale Status   (usages 0x70–0x77: 1 fault … 8 re-zero)
 *   byte 1  Weight Unit    (usages 0x50–0x5C: 1 mg … 12 lb)
 *   byte 2  Data Scaling   (signed power of ten applied to the weight)
 *   byte 3–4 Data Weight   (little-endian, unsigned; "under zero" is a status)
 * Dymo M10/M25/S-series, Mettler-Toledo PS60, Stamps.com's stainless scales
 * and Fairbanks SCB-R9000 all send this (some with a trailing byte). The
 * Stamps.com Model 510 does not: see STAMPS_510_LAYOUT below.
 */

/** HID usage page of weighing devices. */
export const SCALE_USAGE_PAGE = 0x8d;
/** Report ids of the Scale Data Report and the Scale Status Report (same layout on every scale that sends it). */
export const SCALE_DATA_REPORT_ID = 3;
export const SCALE_STATUS_REPORT_ID = 4;

/** Scale Status usages 0x70–0x77, numbered 1–8 in the report. */
export const SCALE_STATUSES = [
  'fault', // 1 Scale Status Fault
  'zero', // 2 Stable at Center of Zero
  'motion', // 3 In Motion
  'stable', // 4 Weight Stable
  'under-zero', // 5 Under Zero
  'over-capacity', // 6 Over Weight Limit
  'calibrate', // 7 Requires Calibration
  'rezero', // 8 Requires Rezeroing
] as const;
export type ScaleStatus = (typeof SCALE_STATUSES)[number];

export type WeightUnit = 'mg' | 'g' | 'kg' | 'ct' | 'tael' | 'gr' | 'dwt' | 't' | 'ton' | 'ozt' | 'oz' | 'lb';

/** Weight Unit usages 0x51–0x5C, numbered 1–12 in the report. */
const UNIT_CODES: Readonly<Record<number, WeightUnit>> = {
  1: 'mg',
  2: 'g',
  3: 'kg',
  4: 'ct',
  5: 'tael',
  6: 'gr',
  7: 'dwt',
  8: 't',
  9: 'ton',
  10: 'ozt',
  11: 'oz',
  12: 'lb',
};

/**
 * Kilograms per unit (exact international definitions). The tael is left
 * out on purpose: it is 37.8 g in Hong Kong, 50 g in mainland China and
 * 37.5 g in Taiwan, and the report does not say which.
 */
export const KG_PER_UNIT: Readonly<Partial<Record<WeightUnit, number>>> = {
  mg: 1e-6,
  g: 1e-3,
  kg: 1,
  ct: 0.0002,
  gr: 0.00006479891,
  dwt: 0.00155517384,
  t: 1000,
  ton: 907.18474,
  ozt: 0.0311034768,
  oz: 0.028349523125,
  lb: 0.45359237,
};

/** One report, read. `kg` is signed (negative under zero); null when the unit cannot be converted. */
export interface ScaleReading {
  status: ScaleStatus;
  kg: number | null;
  /** What the scale said, for the screen ("12.4 oz") and the log. */
  value: number;
  unit: WeightUnit;
  /** False for scales that never say "in motion": the weight policy then waits for the value to hold still. */
  reportsMotion: boolean;
}

export type ParsedReport =
  | { kind: 'reading'; reading: ScaleReading }
  /** A report that carries no weight (attribute, control, statistics…): not an error, nothing to show. */
  | { kind: 'ignored'; reportId: number }
  /** A report that should carry a weight but cannot be read; `message` says what is wrong with it. */
  | { kind: 'invalid'; message: string };

/** How a model lays out its weight report. */
export type ScaleLayout = 'hid-pos' | 'stamps-510';

export interface KnownScale {
  vendorId: number;
  productId: number;
  name: string;
  layout: ScaleLayout;
}

/**
 * The Stamps.com Model 510 (X.J. Group 1446:6A73) sends neither status nor
 * unit: its report descriptor has only Data Scaling (usage 0x41, one signed
 * byte) followed by Data Weight (usage 0x40, 16 bits little-endian), always
 * in ounces (its hiddev stream reads "0x8D0041 = -1, 0x8D0040 = 283" for a
 * 28.3 oz parcel). Zero means an empty platter; anything else may still be
 * settling, so the policy waits for it to hold still.
 */
export const STAMPS_510_LAYOUT = { scalingOffset: 0, weightOffset: 1, unit: 'oz' as WeightUnit } as const;

/**
 * Scales known to send weight reports, by USB vendor and product id. The main
 * process also allows these when a device's descriptor does not name usage
 * page 0x8D (some firmware puts the scale collection on a vendor page).
 */
export const KNOWN_SCALES: readonly KnownScale[] = [
  { vendorId: 0x0922, productId: 0x8003, name: 'DYMO M10', layout: 'hid-pos' },
  { vendorId: 0x0922, productId: 0x8004, name: 'DYMO M25', layout: 'hid-pos' },
  { vendorId: 0x0922, productId: 0x8009, name: 'DYMO S-series shipping scale', layout: 'hid-pos' },
  { vendorId: 0x6096, productId: 0x0158, name: 'DYMO (Sanford) 10 lb postal scale', layout: 'hid-pos' },
  { vendorId: 0x0eb8, productId: 0xf000, name: 'Mettler-Toledo PS60', layout: 'hid-pos' },
  { vendorId: 0x0eb8, productId: 0x2200, name: 'Mettler-Toledo Ariva', layout: 'hid-pos' },
  { vendorId: 0x0b67, productId: 0x555e, name: 'Fairbanks SCB-R9000', layout: 'hid-pos' },
  { vendorId: 0x1446, productId: 0x6a73, name: 'Stamps.com Model 510', layout: 'stamps-510' },
  { vendorId: 0x1446, productId: 0x6a78, name: 'DYMO Endicia 75 lb', layout: 'hid-pos' },
  { vendorId: 0x2474, productId: 0x0550, name: 'Stamps.com 5 lb stainless', layout: 'hid-pos' },
  { vendorId: 0x2474, productId: 0x3550, name: 'Stamps.com 35 lb stainless', layout: 'hid-pos' },
  { vendorId: 0x7b7c, productId: 0x0100, name: 'Elane USPS PS311', layout: 'hid-pos' },
  { vendorId: 0x0d8f, productId: 0x0200, name: 'Pitney Bowes 397-B', layout: 'hid-pos' },
];

export function knownScale(vendorId: number, productId: number): KnownScale | null {
  return KNOWN_SCALES.find((s) => s.vendorId === vendorId && s.productId === productId) ?? null;
}

export function layoutFor(vendorId: number, productId: number): ScaleLayout {
  return knownScale(vendorId, productId)?.layout ?? 'hid-pos';
}

/** Data Weight times 10^scaling, kept exact in decimal (0.1 oz stays 0.1, not 0.1000000000000000055). */
function scaled(raw: number, exponent: number): number {
  return exponent >= 0 ? raw * 10 ** exponent : Number((raw / 10 ** -exponent).toFixed(-exponent));
}

function toKg(value: number, unit: WeightUnit): number | null {
  const factor = KG_PER_UNIT[unit];
  // Six decimals (a milligram) is finer than any shipping scale and keeps float noise out of the form.
  return factor === undefined ? null : Number((value * factor).toFixed(6));
}

function reading(status: ScaleStatus, unit: WeightUnit, exponent: number, raw: number, reportsMotion: boolean): ScaleReading {
  const magnitude = scaled(raw, exponent);
  const value = status === 'under-zero' ? -magnitude : magnitude;
  const kg = toKg(value, unit);
  return { status, kg: kg === 0 ? 0 : kg, value: value === 0 ? 0 : value, unit, reportsMotion };
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function readHidPos(data: Uint8Array): ParsedReport {
  if (data.length < 5)
    return { kind: 'invalid', message: `The scale sent a weight report of ${data.length} bytes (${hex(data)}); it needs 5.` };
  const status = SCALE_STATUSES[data[0]! - 1];
  if (!status) return { kind: 'invalid', message: `The scale sent an unknown status ${data[0]} (report ${hex(data)}).` };
  const unit = UNIT_CODES[data[1]!];
  // Status-only reports (fault, calibrate) from some scales leave the unit at 0: the status still counts.
  if (!unit) {
    if (status !== 'stable' && status !== 'motion' && status !== 'under-zero')
      return { kind: 'reading', reading: { status, kg: null, value: 0, unit: 'kg', reportsMotion: true } };
    return {
      kind: 'invalid',
      message: `The scale reported weight unit ${data[1]}, which the station does not know (report ${hex(data)}).`,
    };
  }
  const exponent = (data[2]! << 24) >> 24; // signed byte
  const raw = data[3]! | (data[4]! << 8);
  return { kind: 'reading', reading: reading(status, unit, exponent, raw, true) };
}

function readStamps510(data: Uint8Array): ParsedReport {
  const { scalingOffset, weightOffset, unit } = STAMPS_510_LAYOUT;
  if (data.length < weightOffset + 2)
    return { kind: 'invalid', message: `The scale sent a report of ${data.length} bytes (${hex(data)}); a Model 510 sends 3.` };
  const exponent = (data[scalingOffset]! << 24) >> 24;
  const raw = data[weightOffset]! | (data[weightOffset + 1]! << 8);
  return { kind: 'reading', reading: reading(raw === 0 ? 'zero' : 'stable', unit, exponent, raw, false) };
}

/**
 * Reads one input report. `reportId` and `data` are what WebHID's
 * `inputreport` event gives: the id (0 when the device numbers no reports)
 * and the bytes after it.
 */
export function parseScaleReport(reportId: number, data: Uint8Array, layout: ScaleLayout = 'hid-pos'): ParsedReport {
  if (layout === 'stamps-510') return readStamps510(data);
  if (reportId === SCALE_DATA_REPORT_ID || reportId === SCALE_STATUS_REPORT_ID) return readHidPos(data);
  // A scale whose descriptor numbers no reports still starts its payload with the data report's id.
  if (reportId === 0 && (data[0] === SCALE_DATA_REPORT_ID || data[0] === SCALE_STATUS_REPORT_ID) && data.length >= 6)
    return readHidPos(data.subarray(1));
  if (reportId === 0) return { kind: 'invalid', message: `The scale sent a report the station cannot read (${hex(data)}).` };
  return { kind: 'ignored', reportId };
}
