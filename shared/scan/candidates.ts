/**
 * What a scan may mean, as candidates tried in order: the string as scanned
 * first (a tracking number, order number or label id the station made), then
 * each number decoded from the carrier barcode around it. A wrapper is taken
 * off only when what is left is a well-formed number of that kind (length and
 * check digit), so a prefix that merely looks like one never hides the scan.
 *
 * Decoded forms (design rule 16: a pure parser, table-tested with real payloads):
 * - USPS IMpb (Publication 199): GS1-128 `420` + destination ZIP (5 or 9
 *   digits), FNC1, then the tracking number, whose channel application
 *   identifier (`91`–`95`) is part of the number. Keyboard-wedge scanners
 *   usually drop the FNC1, so `420`+ZIP5/ZIP9 is also cut off without it.
 * - GS1 element strings (GS1 General Specifications §3, §7.8): in the
 *   human-readable form `(420)73108(92)3469…`, or with FNC1 sent as GS
 *   (U+001D), optionally behind an AIM symbology identifier (`]C1`, `]d2`,
 *   `]Q3`, `]e0`). Shipping keys become candidates: SSCC (00), GINC (401),
 *   GSIN (402), and a USPS tracking number carried in AI 91–95.
 * - FedEx 34-digit barcodes (Express `10…`, Ground `96…`): the tracking
 *   number is the last 14 digits, today a 12-digit number behind `00`.
 * - A number typed or pasted with its printed spacing (`9234 6903 6198 0900
 *   0001 42`, `1Z 0FH 344 68 3174 4085`) is also tried without it when the
 *   result is a well-formed USPS, FedEx or UPS number.
 *
 * Surrounding whitespace and control characters (a scanner's CR/LF/TAB
 * suffix, a leading FNC1 sent as GS) are dropped before anything else.
 */
import { fedexCheckDigitValid, gs1CheckDigitValid, ups1zCheckDigitValid } from './check-digits';

export type ScanCandidateKind = 'raw' | 'spaced' | 'gs1' | 'usps-impb' | 'fedex-34';

export interface ScanCandidate {
  /** The string to look the shipment up by. */
  value: string;
  /** Which reading produced it (for the log and for tests). */
  kind: ScanCandidateKind;
}

/** ASCII GS: what a scanner sends for FNC1 inside a GS1 barcode. */
export const GS1_GROUP_SEPARATOR = '\u001d';

const EDGE_JUNK = /^[\s\p{Cc}\p{Cf}]+|[\s\p{Cc}\p{Cf}]+$/gu;
const INNER_CONTROL = /[\p{Cc}\p{Cf}]/gu;

/** The scan without surrounding whitespace, control and invisible format characters. */
export function cleanScan(raw: string): string {
  return raw.replace(EDGE_JUNK, '');
}

/** Candidates in the order to try them, without repeats (compared case-insensitively, as lookups are). */
export function scanCandidates(raw: string): ScanCandidate[] {
  const scan = cleanScan(raw);
  const out: ScanCandidate[] = [];
  const seen = new Set<string>();
  const add = (value: string, kind: ScanCandidateKind) => {
    const key = value.toUpperCase();
    if (value === '' || seen.has(key)) return;
    seen.add(key);
    out.push({ value, kind });
  };
  add(scan.replace(INNER_CONTROL, ''), 'raw');
  const spaced = unspaced(scan);
  if (spaced) add(spaced, 'spaced');
  const body = withoutSymbologyId(scan);
  for (const value of gs1Candidates(body)) add(value, 'gs1');
  for (const value of uspsRoutedCandidates(body)) add(value, 'usps-impb');
  const fedex = fedex34(body);
  if (fedex) add(fedex, 'fedex-34');
  return out;
}

// ---------------------------------------------------------------------------
// Carrier numbers

/** USPS tracking numbers: IMpb (22 or 26 digits, channel AI 91–95 first) or the older 20-digit form; GS1 mod 10. */
export function isUspsTrackingNumber(value: string): boolean {
  if (!/^\d+$/.test(value)) return false;
  const wellSized = value.length === 20 || ((value.length === 22 || value.length === 26) && /^9[1-5]/.test(value));
  return wellSized && !allZeroSerial(value) && gs1CheckDigitValid(value);
}

/** FedEx 12-digit tracking numbers (Express and Ground). */
export function isFedexTrackingNumber(value: string): boolean {
  return /^\d{12}$/.test(value) && !allZeroSerial(value) && fedexCheckDigitValid(value);
}

export function isUpsTrackingNumber(value: string): boolean {
  return ups1zCheckDigitValid(value);
}

/** SSCC (GS1 AI 00): 18 digits, GS1 mod 10. */
export function isSscc(value: string): boolean {
  return /^\d{18}$/.test(value) && !allZeroSerial(value) && gs1CheckDigitValid(value);
}

/** All zeros passes every mod-10/11 rule; sample labels print such numbers, no parcel has one. */
function allZeroSerial(value: string): boolean {
  return /^0+$/.test(value);
}

/** A number typed with the spacing printed under its barcode. */
function unspaced(scan: string): string | null {
  if (!/^[0-9A-Za-z]+(?:[ -][0-9A-Za-z]+)+$/.test(scan)) return null;
  const joined = scan.replace(/[ -]/g, '').toUpperCase();
  return isUspsTrackingNumber(joined) || isFedexTrackingNumber(joined) || isUpsTrackingNumber(joined) ? joined : null;
}

// ---------------------------------------------------------------------------
// USPS IMpb without the FNC1 between routing and tracking

const USPS_ROUTING_AI = '420';
const ZIP_LENGTHS = [5, 9] as const;

function uspsRoutedCandidates(body: string): string[] {
  const digits = body.startsWith(GS1_GROUP_SEPARATOR) ? body.slice(1) : body;
  if (!digits.startsWith(USPS_ROUTING_AI)) return [];
  const out: string[] = [];
  for (const zipLength of ZIP_LENGTHS) {
    const after = digits.slice(USPS_ROUTING_AI.length + zipLength);
    const zip = digits.slice(USPS_ROUTING_AI.length, USPS_ROUTING_AI.length + zipLength);
    if (!/^\d+$/.test(zip)) continue;
    const tracking = after.startsWith(GS1_GROUP_SEPARATOR) ? after.slice(1) : after;
    if (isUspsTrackingNumber(tracking)) out.push(tracking);
  }
  return out;
}

// ---------------------------------------------------------------------------
// FedEx 34-digit barcode

const FEDEX_34_DIGITS = 34;
const FEDEX_TRACKING_FIELD_DIGITS = 14;

/**
 * The tracking number is the last 14 digits; today's numbers are 12 digits
 * behind `00` (the field leaves room for 14, which no label uses yet, so a
 * full 14 is not read: it would turn other 34-digit barcodes into guesses).
 * A USPS IMpb with ZIP+4 routing is 34 digits too, and starts with `420`.
 */
function fedex34(body: string): string | null {
  if (body.length !== FEDEX_34_DIGITS || !/^\d+$/.test(body) || body.startsWith(USPS_ROUTING_AI)) return null;
  const field = body.slice(-FEDEX_TRACKING_FIELD_DIGITS);
  const tracking = field.slice(2);
  return field.startsWith('00') && isFedexTrackingNumber(tracking) ? tracking : null;
}

// ---------------------------------------------------------------------------
// GS1 element strings

/** AIM symbology identifiers that announce GS1 data (GS1-128, DataMatrix, QR, DataBar), as a scanner may prefix them. */
const GS1_SYMBOLOGY_IDS = /^\](?:C1|d2|Q3|e0|J1)/;

function withoutSymbologyId(scan: string): string {
  return scan.replace(GS1_SYMBOLOGY_IDS, '');
}

export interface Gs1Element {
  ai: string;
  data: string;
}

/**
 * Length of an AI from its first two digits (GS1 General Specifications,
 * figure 7.8.2-1). Prefixes not listed are not assigned (or not used on
 * parcels): a string that needs one is not read as GS1 at all.
 */
const AI_LENGTH_BY_PREFIX: Readonly<Record<string, number>> = {
  ...fill(['00', '01', '02', '03', '04', '10', '11', '12', '13', '15', '16', '17', '20', '21', '22', '30', '37'], 2),
  ...fill(['23', '24', '25', '40', '41', '42', '71'], 3),
  ...fill(['31', '32', '33', '34', '35', '36', '39', '43', '70', '72', '80', '81', '82'], 4),
  ...fill(['90', '91', '92', '93', '94', '95', '96', '97', '98', '99'], 2),
};

/**
 * Element strings whose data has a predefined length, so no FNC1 follows
 * them (GS1 General Specifications, figure 7.8.5-2): total characters,
 * AI included, by the AI's first two digits.
 */
const PREDEFINED_TOTAL_LENGTH: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  ...fill(['11', '12', '13', '14', '15', '16', '17', '18', '19'], 8),
  '20': 4,
  ...fill(['31', '32', '33', '34', '35', '36'], 10),
  '41': 16,
};

function fill(prefixes: readonly string[], length: number): Record<string, number> {
  return Object.fromEntries(prefixes.map((p) => [p, length]));
}

const PARENTHESISED = /^(?:\(\d{2,4}\)[^()]*)+$/;
const PARENTHESISED_ELEMENT = /\((\d{2,4})\)([^()]*)/g;

/** Splits a GS1 element string (human-readable or FNC1 form) into elements; null when it is not one. */
export function parseGs1(body: string): Gs1Element[] | null {
  if (PARENTHESISED.test(body)) {
    return [...body.matchAll(PARENTHESISED_ELEMENT)].map((m) => ({ ai: m[1]!, data: m[2]! }));
  }
  let rest = body.startsWith(GS1_GROUP_SEPARATOR) ? body.slice(1) : body;
  if (!/^\d{2}/.test(rest)) return null;
  const elements: Gs1Element[] = [];
  while (rest.length > 0) {
    const prefix = rest.slice(0, 2);
    const aiLength = AI_LENGTH_BY_PREFIX[prefix];
    if (aiLength === undefined) return null;
    const ai = rest.slice(0, aiLength);
    if (!/^\d+$/.test(ai) || ai.length < aiLength) return null;
    const total = PREDEFINED_TOTAL_LENGTH[prefix];
    let data: string;
    if (total !== undefined) {
      data = rest.slice(aiLength, total);
      if (data.length !== total - aiLength || data.includes(GS1_GROUP_SEPARATOR)) return null;
      rest = rest.slice(total);
    } else {
      const end = rest.indexOf(GS1_GROUP_SEPARATOR, aiLength);
      data = rest.slice(aiLength, end < 0 ? undefined : end);
      rest = end < 0 ? '' : rest.slice(end);
    }
    if (data === '') return null;
    elements.push({ ai, data });
    if (rest.startsWith(GS1_GROUP_SEPARATOR)) rest = rest.slice(1);
  }
  return elements.length > 0 ? elements : null;
}

/** GINC (401): up to 30 characters of GS1's encodable set 82. */
const GINC = /^[!"%-?A-Z_a-z]{1,30}$/;

function gs1Candidates(body: string): string[] {
  // Plain text without a GS, parentheses or all digits is not a GS1 element string.
  if (!body.includes(GS1_GROUP_SEPARATOR) && !body.startsWith('(') && !/^\d+$/.test(body)) return [];
  const elements = parseGs1(body);
  if (!elements) return [];
  const out: string[] = [];
  for (const { ai, data } of elements) {
    if (ai === '00' && isSscc(data)) out.push(data);
    else if (ai === '402' && /^\d{17}$/.test(data) && gs1CheckDigitValid(data)) out.push(data);
    else if (ai === '401' && GINC.test(data)) out.push(data);
    // USPS puts its channel AI (91–95) in front of the tracking number, which keeps it.
    else if (/^9[1-5]$/.test(ai) && isUspsTrackingNumber(ai + data)) out.push(ai + data);
  }
  return out;
}
