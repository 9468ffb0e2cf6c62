/**
 * The one order-number rule. The label request schema checks a label's order
 * number with it (./label-request.ts words it in the packer's language), order
 * import reports orders that break it, and the scan box asks it before
 * offering "Create a label for order X", so a mis-scan or a pasted paragraph
 * is a plain "not found", never a new order.
 *
 * An order number is 3–50 characters of ASCII letters, digits and `- _ # .`:
 * it is a lookup key in `GET /labels/a,b,c` (gap 11), where a comma splits the
 * list and a slash or backslash ends the path segment; spaces, quotes and
 * other punctuation are what a scanner types under the wrong keyboard layout
 * (`&é"'(` for `12345` on AZERTY), not what a shop writes.
 *
 * Reserved prefix. A scan that starts with `COMMAND_BARCODE_PREFIX` (`%`) is a
 * barcode meant for the station itself: a command (ship, next, cancel,
 * reprint) or a packer's badge. The rule refuses `%`, so no order number can
 * ever be mistaken for one, and `%` is in Code 39's and Code 128's character
 * sets, so cheap printers can make these barcodes. Whoever adds commands and
 * badges defines what follows the prefix (for example `%SHIP`, `%BADGE-0042`)
 * and checks scans with `isCommandBarcode` before treating them as shipment keys.
 */
export const ORDER_NUMBER_MIN_CHARS = 3;
/** The API's own limit is unpublished; 50 fits every courier and shop system we know. */
export const ORDER_NUMBER_MAX_CHARS = 50;
/** Characters an order number may hold besides ASCII letters and digits. */
export const ORDER_NUMBER_PUNCTUATION = '-_#.';
const ORDER_NUMBER_CHARS = /^[A-Za-z0-9\-_#.]*$/;

/** Scans starting with this are station commands or packer badges: never an order number, tracking number or label id. */
export const COMMAND_BARCODE_PREFIX = '%';

export type OrderNumberProblem = 'tooShort' | 'tooLong' | 'characters';

/** Why `value` (already trimmed) is not an order number, or null when it is one. */
export function checkOrderNumber(value: string): OrderNumberProblem | null {
  if (!ORDER_NUMBER_CHARS.test(value)) return 'characters';
  if (value.length < ORDER_NUMBER_MIN_CHARS) return 'tooShort';
  if (value.length > ORDER_NUMBER_MAX_CHARS) return 'tooLong';
  return null;
}

export function isOrderNumber(value: string): boolean {
  return checkOrderNumber(value) === null;
}

export function isCommandBarcode(scan: string): boolean {
  return scan.trim().startsWith(COMMAND_BARCODE_PREFIX);
}
