/**
 * End of day from label records: which labels a driver signs for, the
 * per-packer counts, and both as CSV that a spreadsheet reads back exactly
 * (parsed here with csv-parse, the parser the order import uses).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../electron/core/documents/csv';
import { formatRange, isoWithOffset, localDayRange, sumKg } from '../../electron/core/documents/format';
import { buildHandoverList, handoverCsv } from '../../electron/core/documents/handover';
import { buildPackerReport, packerReportCsv } from '../../electron/core/documents/packer-report';
import type { HandoverLabelRecord } from '../../electron/core/documents/types';
import { handoverRecords } from '../helpers/document-data';

const TZ = 'Asia/Shanghai';
const DAY = localDayRange('2026-03-01', TZ);
const HOUR_MS = 3_600_000;

function readCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

describe('the day, in the station’s time zone', () => {
  it('is local midnight to local midnight, and prints as the date', () => {
    expect(DAY.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(DAY.to.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(formatRange(DAY, TZ)).toBe('2026-03-01');
    expect(formatRange({ from: DAY.from, to: new Date(DAY.from.getTime() + 8 * HOUR_MS) }, TZ)).toBe('2026-03-01 00:00 – 2026-03-01 08:00');
  });

  it('has 23 or 25 hours on a daylight-saving day, and times carry their offset', () => {
    const spring = localDayRange('2026-03-08', 'America/New_York');
    expect((spring.to.getTime() - spring.from.getTime()) / HOUR_MS).toBe(23);
    const autumn = localDayRange('2026-11-01', 'America/New_York');
    expect((autumn.to.getTime() - autumn.from.getTime()) / HOUR_MS).toBe(25);
    expect(isoWithOffset(spring.from, 'America/New_York')).toBe('2026-03-08T00:00:00-05:00');
    expect(isoWithOffset(new Date('2026-03-08T12:00:00Z'), 'America/New_York')).toBe('2026-03-08T08:00:00-04:00');
    expect(isoWithOffset(DAY.from, TZ)).toBe('2026-03-01T00:00:00+08:00');
  });

  it('adds weights in grams, without floating-point crumbs', () => {
    expect(sumKg([0.1, 0.2])).toBe(0.3);
    expect(sumKg(Array.from({ length: 500 }, () => 0.333))).toBe(166.5);
  });
});

describe('the handover list', () => {
  const before = handoverRecords(3, new Date(DAY.from.getTime() - HOUR_MS));
  const during = handoverRecords(30, DAY.from, { everyMs: 20 * 60_000, voidEvery: 4 });
  const after: HandoverLabelRecord[] = handoverRecords(2, DAY.to).map((r) => ({ ...r, trackingNumber: `LATE-${r.trackingNumber}` }));
  const list = buildHandoverList([...after, ...during].reverse().concat(before), { station: 'Bench 3', range: DAY });

  it('has the labels created in the range and not voided, one list per courier, in order of creation', () => {
    const expected = during.filter((r) => !r.voided);
    expect(list.couriers.map((c) => c.courierName)).toEqual(['4PX 递四方', 'UPS', 'YunExpress 云途物流']);
    expect(list.couriers.flatMap((c) => c.labels.map((l) => l.trackingNumber)).sort()).toEqual(
      expected.map((r) => r.trackingNumber).sort(),
    );
    for (const courier of list.couriers) {
      const times = courier.labels.map((l) => l.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const mine = expected.filter((r) => r.courierCode === courier.courierCode);
      expect(courier.totals).toEqual({
        labels: mine.length,
        parcels: mine.reduce((sum, r) => sum + r.parcels, 0),
        weightKg: sumKg(mine.map((r) => r.weightKg)),
      });
    }
  });

  it('as CSV: one row per label that a spreadsheet reads back exactly, times with their offset', () => {
    const rows = readCsv(handoverCsv(list, { language: 'en', timeZone: TZ }));
    expect(rows[0]).toEqual([
      'Courier',
      'Courier code',
      'Tracking number',
      'Order number',
      'Parcels',
      'Weight (kg)',
      'Created',
      'Packer',
      'Station',
    ]);
    const labels = list.couriers.flatMap((c) => c.labels.map((l) => ({ c, l })));
    expect(rows).toHaveLength(labels.length + 1);
    labels.forEach(({ c, l }, i) => {
      expect(rows[i + 1]).toEqual([
        c.courierName,
        c.courierCode,
        l.trackingNumber,
        l.orderNumber ?? '',
        String(l.parcels),
        String(l.weightKg),
        isoWithOffset(l.createdAt, TZ),
        l.packer ?? '',
        'Bench 3',
      ]);
    });
    expect(readCsv(handoverCsv(list, { language: 'zh-TW', timeZone: TZ }))[0]).toContain('追蹤號碼');
  });
});

describe('CSV a spreadsheet cannot be tricked by', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and reads back unchanged', () => {
    const awkward = ['Smith, John', 'The "Big" One', 'two\nlines', ' padded ', '陳大文', ''];
    const rows = readCsv(
      toCsv(
        ['v'],
        awkward.map((v) => [v]),
      ),
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual(awkward);
  });

  it('defuses text a spreadsheet would run as a formula, and leaves numbers as numbers', () => {
    for (const attack of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvField(attack).replace(/^"|"$/g, '')).toMatch(/^'/);
      expect(readCsv(toCsv(['v'], [[attack]]))[1]![0]).toBe(`'${attack}`);
    }
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField('1Z999AA10123456784')).toBe('1Z999AA10123456784');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    const evil: HandoverLabelRecord = { ...handoverRecords(1, DAY.from)[0]!, packer: '=cmd|"/C calc"!A0', orderNumber: '-SO-1' };
    const rows = readCsv(handoverCsv(buildHandoverList([evil], { station: '@bench', range: DAY }), { language: 'en', timeZone: TZ }));
    expect(rows[1]).toContain(`'=cmd|"/C calc"!A0`);
    expect(rows[1]).toContain("'-SO-1");
    expect(rows[1]).toContain("'@bench");
  });
});

describe('labels per packer', () => {
  const records = handoverRecords(40, DAY.from, { everyMs: 10 * 60_000, voidEvery: 5 });
  const report = buildPackerReport([...records, ...handoverRecords(4, DAY.to)], { station: 'Bench 3', range: DAY });

  it('counts each packer’s labels and voids in the shift, with nobody-on-duty on a line of its own', () => {
    expect(report.packers.map((p) => p.packer).sort((a, b) => String(a).localeCompare(String(b)))).toEqual(
      ['Li Wei', null, '王芳', 'Ана Петрова'].sort((a, b) => String(a).localeCompare(String(b))),
    );
    for (const row of report.packers) {
      const mine = records.filter((r) => r.packer === row.packer);
      const live = mine.filter((r) => !r.voided);
      expect(row.labels).toBe(live.length);
      expect(row.voided).toBe(mine.length - live.length);
      expect(row.parcels).toBe(live.reduce((sum, r) => sum + r.parcels, 0));
      expect(row.weightKg).toBe(sumKg(live.map((r) => r.weightKg)));
      expect(row.firstAt).toEqual(mine[0]!.createdAt);
      expect(row.lastAt).toEqual(mine.at(-1)!.createdAt);
    }
    expect(report.totals.labels + report.totals.voided).toBe(records.length);
    const counts = report.packers.map((p) => p.labels);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('as CSV', () => {
    const rows = readCsv(packerReportCsv(report, { language: 'zh-CN', timeZone: TZ }));
    expect(rows[0]![0]).toBe('打包员');
    expect(rows).toHaveLength(report.packers.length + 1);
    const nobody = rows.find((r) => r[0] === '')!;
    expect(Number(nobody[1])).toBe(report.packers.find((p) => p.packer === null)!.labels);
  });
});
