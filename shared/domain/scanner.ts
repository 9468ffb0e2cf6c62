/**
 * How the station tells a barcode scanner from a person typing. A scanner is
 * a keyboard that types a whole code faster than anyone can, then Enter: a
 * run of at least `burstMinChars` characters, each less than `burstMaxGapMs`
 * after the one before, ended by Enter, is a scan wherever the focus was.
 * Defaults fit USB and Bluetooth scanners in keyboard mode (a few ms per
 * character); a slow Bluetooth link may need a larger gap, and a station
 * whose codes are short a smaller count. People type 80–200 ms apart; even
 * key rollover gives two or three fast characters, not six.
 */
import { z } from 'zod';

export const SCAN_BURST_MIN_CHARS_DEFAULT = 6;
export const SCAN_BURST_MAX_GAP_MS_DEFAULT = 35;
/** Fewer than 4 would take a fast "the" + Enter for a scan; shorter codes are not worth the risk. */
export const SCAN_BURST_MIN_CHARS_LOWEST = 4;
export const SCAN_BURST_MIN_CHARS_HIGHEST = 40;
export const SCAN_BURST_MAX_GAP_MS_LOWEST = 5;
/** Above this, a quick typist's words start to count as scans. */
export const SCAN_BURST_MAX_GAP_MS_HIGHEST = 80;

export const ScannerSettingsSchema = z
  .object({
    burstMinChars: z
      .number({ error: 'Enter the shortest scan as a whole number of characters.' })
      .int('Enter the shortest scan as a whole number of characters.')
      .min(SCAN_BURST_MIN_CHARS_LOWEST, `A scan has at least ${SCAN_BURST_MIN_CHARS_LOWEST} characters.`)
      .max(SCAN_BURST_MIN_CHARS_HIGHEST, `Use at most ${SCAN_BURST_MIN_CHARS_HIGHEST} characters.`),
    burstMaxGapMs: z
      .number({ error: 'Enter the gap between scanned characters in whole milliseconds.' })
      .int('Enter the gap between scanned characters in whole milliseconds.')
      .min(SCAN_BURST_MAX_GAP_MS_LOWEST, `Use at least ${SCAN_BURST_MAX_GAP_MS_LOWEST} ms.`)
      .max(SCAN_BURST_MAX_GAP_MS_HIGHEST, `Use at most ${SCAN_BURST_MAX_GAP_MS_HIGHEST} ms: people typing quickly would count as scans.`),
    /** A short tone after each scan: high when found, low when not. */
    sound: z.boolean(),
  })
  .strict();
export type ScannerSettings = z.infer<typeof ScannerSettingsSchema>;

export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = {
  burstMinChars: SCAN_BURST_MIN_CHARS_DEFAULT,
  burstMaxGapMs: SCAN_BURST_MAX_GAP_MS_DEFAULT,
  sound: false,
};
