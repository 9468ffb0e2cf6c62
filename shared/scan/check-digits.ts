/**
 * Check digits of the carrier numbers a scan may hold. Each function takes the
 * whole number (check digit last) and says whether it is well-formed; none of
 * them says the parcel exists. Sources: GS1 General Specifications §7.9.1
 * (mod 10, weights 3 and 1 from the right; also USPS Publication 199 for the
 * IMpb tracking number), FedEx's barcode specifications (weights 1, 3, 7 from
 * the right, mod 11 then mod 10) and UPS's 1Z check (letters folded onto
 * digits, every second character doubled, mod 10). Each is checked in
 * test/unit/scan-candidates.test.ts against numbers from real labels.
 */

const DIGITS = /^\d+$/;

/** GS1 mod 10: SSCC, GSIN, GTIN, and the USPS IMpb tracking number (Pub 199 §3.3.2). */
export function gs1CheckDigitValid(number: string): boolean {
  if (number.length < 2 || !DIGITS.test(number)) return false;
  let sum = 0;
  // The rightmost digit before the check digit weighs 3, the next 1, and so on.
  for (let i = number.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) sum += Number(number[i]) * weight;
  return (10 - (sum % 10)) % 10 === Number(number[number.length - 1]);
}

const FEDEX_WEIGHTS_FROM_RIGHT = [1, 3, 7] as const;

/** FedEx Express/Ground 12-digit tracking number (and the 14-digit field of the 34-digit barcode). */
export function fedexCheckDigitValid(number: string): boolean {
  if (number.length < 2 || !DIGITS.test(number)) return false;
  let sum = 0;
  for (let i = number.length - 2, k = 0; i >= 0; i--, k++) sum += Number(number[i]) * FEDEX_WEIGHTS_FROM_RIGHT[k % 3]!;
  return (sum % 11) % 10 === Number(number[number.length - 1]);
}

const UPS_1Z = /^1Z[0-9A-Z]{16}$/;

/** UPS `1Z` + shipper (6) + service (2) + package (7) + check digit; letters count as (char code − 63) mod 10 (A = 2 … Z = 7). */
export function ups1zCheckDigitValid(number: string): boolean {
  if (!UPS_1Z.test(number)) return false;
  const body = number.slice(2, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const value = c <= 57 ? c - 48 : (c - 63) % 10;
    sum += i % 2 === 1 ? value * 2 : value;
  }
  return (10 - (sum % 10)) % 10 === Number(number[number.length - 1]);
}
