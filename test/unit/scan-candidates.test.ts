/**
 * The scan normaliser, table-driven with what scanners really send. Sources:
 * - label files in test/fixtures/labels (carrier sandbox labels, see MANIFEST.md),
 *   as ZXing reads their barcodes: the FNC1 form (GS = U+001D) and the
 *   human-readable form it prints under them;
 * - numbers from real shipments collected by the tracking_number_data project
 *   (github.com/jkeen/tracking_number_data, MIT): USPS IMpb with ZIP+4 routing,
 *   FedEx Express and Ground 34-digit barcodes, UPS 1Z numbers;
 * - the GS1 General Specifications' own SSCC example.
 * A row lists every candidate in order; the raw scan always comes first.
 */
import { describe, expect, it } from 'vitest';
import { cleanScan, parseGs1, scanCandidates, type ScanCandidateKind } from '../../shared/scan/candidates';
import { fedexCheckDigitValid, gs1CheckDigitValid, ups1zCheckDigitValid } from '../../shared/scan/check-digits';

const GS = '\u001d';

type Row = [scan: string, candidates: Array<[value: string, kind: ScanCandidateKind]>];

const USPS_4X6 = '9234690361980900000142'; // usps-4x6.pdf, "USPS TRACKING # 9234 6903 6198 0900 0001 42", to ZIP 73108

const ROWS: Record<string, Row[]> = {
  'USPS IMpb (Publication 199)': [
    // usps-4x6.pdf's GS1-128 and DataMatrix, as a scanner with FNC1 → GS sends them.
    [
      `42073108${GS}${USPS_4X6}`,
      [
        [`42073108${USPS_4X6}`, 'raw'],
        [USPS_4X6, 'gs1'],
      ],
    ],
    // The same with the leading FNC1 sent too, and behind an AIM symbology identifier.
    [
      `${GS}42073108${GS}${USPS_4X6}`,
      [
        [`42073108${USPS_4X6}`, 'raw'],
        [USPS_4X6, 'gs1'],
      ],
    ],
    [
      `]C142073108${GS}${USPS_4X6}`,
      [
        [`]C142073108${USPS_4X6}`, 'raw'],
        [USPS_4X6, 'gs1'],
      ],
    ],
    // A keyboard wedge that drops FNC1: 420 + ZIP5, then the tracking number.
    [
      `42073108${USPS_4X6}`,
      [
        [`42073108${USPS_4X6}`, 'raw'],
        [USPS_4X6, 'usps-impb'],
      ],
    ],
    // usps-letter-landscape.pdf's DataMatrix.
    [
      `42029440${GS}9236190361980900000015`,
      [
        [`420294409236190361980900000015`, 'raw'],
        ['9236190361980900000015', 'gs1'],
      ],
    ],
    // tracking_number_data: 420 + ZIP+4 (9 digits) without FNC1, and 420 + ZIP5 with a 91 number.
    [
      '4201002334249200190132607600833457',
      [
        ['4201002334249200190132607600833457', 'raw'],
        ['9200190132607600833457', 'usps-impb'],
      ],
    ],
    [
      '4201028200009261290113185417468510',
      [
        ['4201028200009261290113185417468510', 'raw'],
        ['9261290113185417468510', 'usps-impb'],
      ],
    ],
    [
      '420221539101026837331000039521',
      [
        ['420221539101026837331000039521', 'raw'],
        ['9101026837331000039521', 'usps-impb'],
      ],
    ],
    // A bare tracking number is only itself.
    [USPS_4X6, [[USPS_4X6, 'raw']]],
    // usps-label.zpl (zebrash sample) encodes 9205590303190000000000: its check digit is wrong, so nothing is cut off.
    [`42098028${GS}9205590303190000000000`, [['420980289205590303190000000000', 'raw']]],
    ['420980289205590303190000000000', [['420980289205590303190000000000', 'raw']]],
    // The UPS label's routing barcode (AI 421: country 276 + postal code 80804) holds no tracking number.
    ['42127680804', [['42127680804', 'raw']]],
  ],
  'GS1 element strings': [
    // ZXing's human-readable form of usps-4x6.pdf's barcode.
    [
      `(420)73108(92)34690361980900000142`,
      [
        ['(420)73108(92)34690361980900000142', 'raw'],
        [USPS_4X6, 'gs1'],
      ],
    ],
    // GS1 General Specifications' SSCC example, in both forms.
    [
      '(00)106141412345678908',
      [
        ['(00)106141412345678908', 'raw'],
        ['106141412345678908', 'gs1'],
      ],
    ],
    [
      '00106141412345678908',
      [
        ['00106141412345678908', 'raw'],
        ['106141412345678908', 'gs1'],
      ],
    ],
    // SSCC (fixed length, no FNC1 after it) followed by a ship-to postal code.
    [
      `00106141412345678908420${'73108'}`,
      [
        ['0010614141234567890842073108', 'raw'],
        ['106141412345678908', 'gs1'],
      ],
    ],
    // dhl-paket-a4-landscape.pdf: (00)340433333010200227(96)580: a sample SSCC with a wrong check digit stays whole.
    ['(00)340433333010200227(96)580', [['(00)340433333010200227(96)580', 'raw']]],
    ['0034043333301020022796580', [['0034043333301020022796580', 'raw']]],
    // A consignment number (GINC, AI 401) ends at the FNC1.
    [
      `401CONS-2026-0042${GS}42073108`,
      [
        ['401CONS-2026-004242073108', 'raw'],
        ['CONS-2026-0042', 'gs1'],
      ],
    ],
  ],
  'FedEx 34-digit barcodes': [
    // fedex-4x6-3pages.pdf: the barcode data in its PDF417 (field 31Z); TRK# 7946 0479 0138 is printed on the label.
    [
      '1010069744090008910900794604790138',
      [
        ['1010069744090008910900794604790138', 'raw'],
        ['794604790138', 'fedex-34'],
      ],
    ],
    // tracking_number_data: Express (100…) and Ground (96…).
    [
      '1001921334250001000300779017972697',
      [
        ['1001921334250001000300779017972697', 'raw'],
        ['779017972697', 'fedex-34'],
      ],
    ],
    [
      '1002297871540001000300790695517286',
      [
        ['1002297871540001000300790695517286', 'raw'],
        ['790695517286', 'fedex-34'],
      ],
    ],
    [
      '9622001900000000000000776632517510',
      [
        ['9622001900000000000000776632517510', 'raw'],
        ['776632517510', 'fedex-34'],
      ],
    ],
    // fedex-4x6-3pages.pdf's Code 128 holds zeros where the number goes; fedex-label.zpl's number fails its check digit.
    ['1010069744090008910900000000000000', [['1010069744090008910900000000000000', 'raw']]],
    ['9632080400200044387500271053820000', [['9632080400200044387500271053820000', 'raw']]],
    // One digit off: not a FedEx barcode.
    ['1001921334250001000300779017972698', [['1001921334250001000300779017972698', 'raw']]],
  ],
  'numbers typed with their printed spacing': [
    [
      '9234 6903 6198 0900 0001 42',
      [
        ['9234 6903 6198 0900 0001 42', 'raw'],
        [USPS_4X6, 'spaced'],
      ],
    ],
    [
      '7946 0479 0138',
      [
        ['7946 0479 0138', 'raw'],
        ['794604790138', 'spaced'],
      ],
    ],
    [
      '1z 0fh 344 68 3174 4085',
      [
        ['1z 0fh 344 68 3174 4085', 'raw'],
        ['1Z0FH3446831744085', 'spaced'],
      ],
    ],
    // Spaced words are not a carrier number.
    ['ORDER 12', [['ORDER 12', 'raw']]],
  ],
  'what the station makes itself': [
    ['YT2503010001CN', [['YT2503010001CN', 'raw']]],
    ['E2E-ORDER-1', [['E2E-ORDER-1', 'raw']]],
    ['#1001', [['#1001', 'raw']]],
    // ups-1400x800.png: a UPS 1Z is itself.
    ['1Z0FH3446831744085', [['1Z0FH3446831744085', 'raw']]],
  ],
  'surrounding whitespace and control characters': [
    ['  YT2503010001CN\r\n', [['YT2503010001CN', 'raw']]],
    ['\tA-77\u0000', [['A-77', 'raw']]],
    ['\ufeffYT2503010001CN\u200b', [['YT2503010001CN', 'raw']]],
    [`${GS}${USPS_4X6}${GS}`, [[USPS_4X6, 'raw']]],
    ['   ', []],
  ],
};

describe('scan candidates', () => {
  for (const [kind, rows] of Object.entries(ROWS)) {
    describe(kind, () => {
      it.each(rows)('%j', (scan, expected) => {
        expect(scanCandidates(scan).map((c) => [c.value, c.kind])).toEqual(expected);
      });
    });
  }

  it('keeps only the first of candidates that differ in case', () => {
    expect(scanCandidates('1z0fh3446831744085').map((c) => c.value)).toEqual(['1z0fh3446831744085']);
  });

  it('cleans only the edges', () => {
    expect(cleanScan('\r\n A B \t')).toBe('A B');
  });

  it('reads GS1 element strings in both notations alike', () => {
    const fnc1 = parseGs1(`42073108${GS}${USPS_4X6}`);
    expect(fnc1).toEqual([
      { ai: '420', data: '73108' },
      { ai: '92', data: USPS_4X6.slice(2) },
    ]);
    expect(parseGs1('(420)73108(92)34690361980900000142')).toEqual(fnc1);
    // An unassigned AI (first digits 5x) or a fixed-length field cut short is not GS1.
    expect(parseGs1('5012345')).toBeNull();
    expect(parseGs1('0012345')).toBeNull();
  });
});

describe('check digits, against numbers from real labels', () => {
  it.each([
    [
      'GS1 mod 10 (USPS IMpb)',
      gs1CheckDigitValid,
      ['9400111201080805483016', '9361289878700317633795', '9505511069605048600624', USPS_4X6],
    ],
    ['GS1 mod 10 (SSCC)', gs1CheckDigitValid, ['106141412345678908', '095287654321012346']],
    ['FedEx', fedexCheckDigitValid, ['986578788855', '477179081230', '799531274483', '794604790138']],
    [
      'UPS 1Z',
      ups1zCheckDigitValid,
      ['1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024', '1Z0FH3446831744085'],
    ],
  ] as const)('%s accepts the real numbers and refuses each with its last digit changed', (_name, valid, numbers) => {
    for (const n of numbers) {
      expect(valid(n), n).toBe(true);
      const wrong = n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);
      expect(valid(wrong), wrong).toBe(false);
    }
  });
});
