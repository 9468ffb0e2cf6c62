/**
 * The scale report parser against reports as WebHID delivers them (report id,
 * then the bytes after it), one table per scale family. The bytes follow the
 * HID POS usage tables (page 0x8D) and what each model is documented or
 * recorded to send: Dymo M10/M25 in ounces (tenths, scaling −1) and grams,
 * Mettler-Toledo PS60 in kg (scaling −3) and lb (−2), Stamps.com's 70 lb
 * scale, a Fairbanks SCB-R9000 (lb at −2 with a trailing byte), and the
 * Stamps.com Model 510, which sends only scaling and weight.
 */
import { describe, expect, it } from 'vitest';
import {
  KNOWN_SCALES,
  layoutFor,
  parseScaleReport,
  type ParsedReport,
  type ScaleLayout,
  type ScaleStatus,
} from '../../shared/devices/scale-report';

interface Row {
  what: string;
  reportId: number;
  bytes: number[];
  layout?: ScaleLayout;
  status: ScaleStatus;
  kg: number | null;
  shown: string;
}

const rows: Row[] = [
  // Dymo M10 / M25: report 3, status, unit, scaling, weight LE.
  { what: 'Dymo M10, empty platter (oz)', reportId: 3, bytes: [0x02, 0x0b, 0xff, 0x00, 0x00], status: 'zero', kg: 0, shown: '0 oz' },
  {
    what: 'Dymo M10, parcel still moving',
    reportId: 3,
    bytes: [0x03, 0x0b, 0xff, 0x1b, 0x01],
    status: 'motion',
    kg: 0.802292,
    shown: '28.3 oz',
  },
  {
    what: 'Dymo M10, 28.3 oz stable',
    reportId: 3,
    bytes: [0x04, 0x0b, 0xff, 0x1b, 0x01],
    status: 'stable',
    kg: 0.802292,
    shown: '28.3 oz',
  },
  {
    what: 'Dymo M10 switched to grams, 300 g',
    reportId: 3,
    bytes: [0x04, 0x02, 0x00, 0x2c, 0x01],
    status: 'stable',
    kg: 0.3,
    shown: '300 g',
  },
  {
    what: 'Dymo M25 at its 25 lb limit (400.0 oz)',
    reportId: 3,
    bytes: [0x04, 0x0b, 0xff, 0xa0, 0x0f],
    status: 'stable',
    kg: 11.339809,
    shown: '400 oz',
  },
  {
    what: 'Dymo M25 in grams, 11 340 g',
    reportId: 3,
    bytes: [0x04, 0x02, 0x00, 0x4c, 0x2c],
    status: 'stable',
    kg: 11.34,
    shown: '11340 g',
  },
  { what: 'Dymo M25 over its limit', reportId: 3, bytes: [0x06, 0x0b, 0xff, 0x00, 0x00], status: 'over-capacity', kg: 0, shown: '0 oz' },
  {
    what: 'Dymo M25 under zero (a parcel lifted after tare)',
    reportId: 3,
    bytes: [0x05, 0x0b, 0xff, 0x0a, 0x00],
    status: 'under-zero',
    kg: -0.02835,
    shown: '-1 oz',
  },
  {
    what: 'Dymo status-only fault report (unit 0)',
    reportId: 3,
    bytes: [0x01, 0x00, 0x00, 0x00, 0x00],
    status: 'fault',
    kg: null,
    shown: '0 kg',
  },
  // Mettler-Toledo PS60.
  {
    what: 'Mettler-Toledo PS60, 1.234 kg',
    reportId: 3,
    bytes: [0x04, 0x03, 0xfd, 0xd2, 0x04],
    status: 'stable',
    kg: 1.234,
    shown: '1.234 kg',
  },
  {
    what: 'Mettler-Toledo PS60, 5.00 lb',
    reportId: 3,
    bytes: [0x04, 0x0c, 0xfe, 0xf4, 0x01],
    status: 'stable',
    kg: 2.267962,
    shown: '5 lb',
  },
  {
    what: 'Mettler-Toledo PS60 needs calibration',
    reportId: 3,
    bytes: [0x07, 0x03, 0xfd, 0x00, 0x00],
    status: 'calibrate',
    kg: 0,
    shown: '0 kg',
  },
  {
    what: 'Mettler-Toledo PS60 needs re-zeroing',
    reportId: 3,
    bytes: [0x08, 0x03, 0xfd, 0x00, 0x00],
    status: 'rezero',
    kg: 0,
    shown: '0 kg',
  },
  // Stamps.com 70 lb (same layout as Dymo).
  {
    what: 'Stamps.com 70 lb, 113.5 oz',
    reportId: 3,
    bytes: [0x04, 0x0b, 0xff, 0x6f, 0x04],
    status: 'stable',
    kg: 3.217671,
    shown: '113.5 oz',
  },
  // Fairbanks SCB-R9000: lb at two decimals, one trailing byte.
  {
    what: 'Fairbanks SCB-R9000, 7.85 lb',
    reportId: 3,
    bytes: [0x04, 0x0c, 0xfe, 0x11, 0x03, 0x00],
    status: 'stable',
    kg: 3.5607,
    shown: '7.85 lb',
  },
  {
    what: 'Fairbanks SCB-R9000 "stable" at 0 lb',
    reportId: 3,
    bytes: [0x04, 0x0c, 0xfe, 0x00, 0x00, 0x00],
    status: 'stable',
    kg: 0,
    shown: '0 lb',
  },
  // Stamps.com Model 510: Data Scaling, then Data Weight; always tenths of an ounce; no status.
  {
    what: 'Stamps.com 510, 28.3 oz',
    reportId: 0,
    bytes: [0xff, 0x1b, 0x01],
    layout: 'stamps-510',
    status: 'stable',
    kg: 0.802292,
    shown: '28.3 oz',
  },
  {
    what: 'Stamps.com 510, 55.9 oz',
    reportId: 0,
    bytes: [0xff, 0x2f, 0x02],
    layout: 'stamps-510',
    status: 'stable',
    kg: 1.584738,
    shown: '55.9 oz',
  },
  {
    what: 'Stamps.com 510, nothing on it',
    reportId: 0,
    bytes: [0xff, 0x00, 0x00],
    layout: 'stamps-510',
    status: 'zero',
    kg: 0,
    shown: '0 oz',
  },
  // Report-id and scaling corner cases.
  {
    what: 'status report (id 4), same layout',
    reportId: 4,
    bytes: [0x04, 0x02, 0x00, 0x64, 0x00],
    status: 'stable',
    kg: 0.1,
    shown: '100 g',
  },
  {
    what: 'no numbered reports: the id is the first payload byte',
    reportId: 0,
    bytes: [0x03, 0x04, 0x02, 0x00, 0x2c, 0x01],
    status: 'stable',
    kg: 0.3,
    shown: '300 g',
  },
  { what: 'positive scaling: 25 × 10 g', reportId: 3, bytes: [0x04, 0x02, 0x01, 0x19, 0x00], status: 'stable', kg: 0.25, shown: '250 g' },
  { what: 'milligrams', reportId: 3, bytes: [0x04, 0x01, 0x00, 0x88, 0x13], status: 'stable', kg: 0.005, shown: '5000 mg' },
  {
    what: 'taels: read, but not converted (three definitions)',
    reportId: 3,
    bytes: [0x04, 0x05, 0xff, 0x64, 0x00],
    status: 'stable',
    kg: null,
    shown: '10 tael',
  },
];

describe('scale input reports → status and kilograms', () => {
  it.each(rows)('$what', ({ reportId, bytes, layout, status, kg, shown }) => {
    const parsed = parseScaleReport(reportId, Uint8Array.from(bytes), layout);
    expect(parsed.kind).toBe('reading');
    const r = (parsed as Extract<ParsedReport, { kind: 'reading' }>).reading;
    expect(r.status).toBe(status);
    expect(r.kg).toBe(kg);
    expect(`${r.value} ${r.unit}`).toBe(shown);
  });

  it('says which scales cannot report motion', () => {
    const r510 = parseScaleReport(0, Uint8Array.from([0xff, 0x1b, 0x01]), 'stamps-510');
    const dymo = parseScaleReport(3, Uint8Array.from([0x04, 0x0b, 0xff, 0x1b, 0x01]));
    expect(r510.kind === 'reading' && r510.reading.reportsMotion).toBe(false);
    expect(dymo.kind === 'reading' && dymo.reading.reportsMotion).toBe(true);
  });

  it('skips reports that carry no weight (attribute, control, statistics)', () => {
    expect(parseScaleReport(1, Uint8Array.from([0x01, 0x02, 0x03]))).toEqual({ kind: 'ignored', reportId: 1 });
    expect(parseScaleReport(6, Uint8Array.from([]))).toEqual({ kind: 'ignored', reportId: 6 });
  });

  it('refuses a cut-off report, an unknown status and an unknown unit, naming the bytes', () => {
    expect(parseScaleReport(3, Uint8Array.from([0x04, 0x0b]))).toEqual({
      kind: 'invalid',
      message: 'The scale sent a weight report of 2 bytes (04 0b); it needs 5.',
    });
    expect(parseScaleReport(3, Uint8Array.from([0x09, 0x0b, 0xff, 0, 0]))).toMatchObject({ kind: 'invalid', message: /unknown status 9/ });
    expect(parseScaleReport(3, Uint8Array.from([0x04, 0x0d, 0xff, 1, 0]))).toMatchObject({ kind: 'invalid', message: /weight unit 13/ });
    expect(parseScaleReport(0, Uint8Array.from([0x00, 0x01]))).toMatchObject({ kind: 'invalid' });
    expect(parseScaleReport(0, Uint8Array.from([0xff, 0x1b]), 'stamps-510')).toMatchObject({
      kind: 'invalid',
      message: /Model 510 sends 3/,
    });
  });

  it('knows the Model 510 by its ids and every other known scale as standard', () => {
    expect(layoutFor(0x1446, 0x6a73)).toBe('stamps-510');
    expect(layoutFor(0x0922, 0x8004)).toBe('hid-pos');
    expect(layoutFor(0x1234, 0x5678)).toBe('hid-pos');
    const ids = KNOWN_SCALES.map((s) => `${s.vendorId}:${s.productId}`);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
