/**
 * Station command barcodes (issue 12): a packer with a scanner in one hand
 * drives the pack screen by scanning a sheet beside the bench. Each payload
 * is the reserved prefix (`%`, which the order-number rule refuses, so no
 * order number can ever read as a command) and a word in capitals:
 *
 *   %SHIP     create and print the label of the order on the pack screen
 *   %NEXT     done with this order: back to the scan box for the next one
 *   %CANCEL   leave the pack screen without a label (nothing is bought)
 *   %REPRINT  print the open order's label again (the only way to reprint from a scan)
 *
 * Commands are resolved before anything else (scan:resolve). Reading is
 * forgiving where scanners are not: case and surrounding whitespace are
 * ignored (a scanner with Caps Lock on sends `%ship`). Anything else after
 * the prefix (a badge, a command of a newer station) is "not a command this
 * station knows", never an order or shipment lookup.
 */
import { COMMAND_BARCODE_PREFIX } from '../domain/order-number';

export const STATION_COMMANDS = ['ship', 'next', 'cancel', 'reprint'] as const;
export type StationCommand = (typeof STATION_COMMANDS)[number];

/** The exact text each command's barcode carries. */
export function commandPayload(command: StationCommand): string {
  return `${COMMAND_BARCODE_PREFIX}${command.toUpperCase()}`;
}

/** The command a scan carries, or null when it is not one of ours (check `isCommandBarcode` for "reserved at all"). */
export function parseCommandBarcode(scan: string): StationCommand | null {
  const text = scan.trim();
  if (!text.startsWith(COMMAND_BARCODE_PREFIX)) return null;
  const word = text.slice(COMMAND_BARCODE_PREFIX.length).trim().toLowerCase();
  return (STATION_COMMANDS as readonly string[]).includes(word) ? (word as StationCommand) : null;
}
