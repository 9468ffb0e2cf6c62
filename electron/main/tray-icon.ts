/**
 * Tray icons drawn in code (a filled dot per health state), so the icon
 * needs no image files inside or beside the asar and scales to any size the
 * panel asks for.
 */
import type { TrayHealth } from './tray';

/** RGB per state: green ok, grey paused, amber backing off, red printer problem. */
export const TRAY_COLOURS: Readonly<Record<TrayHealth, readonly [number, number, number]>> = {
  ok: [0x2e, 0x9e, 0x4f],
  paused: [0x8a, 0x8f, 0x98],
  'backing-off': [0xe0, 0x9a, 0x1b],
  'printer-problem': [0xd3, 0x2f, 0x2f],
};

export const TRAY_ICON_SIZE_PX = 32;

/** A BGRA bitmap (what nativeImage.createFromBitmap takes) of an anti-aliased dot. */
export function trayIconBitmap(health: TrayHealth, size: number = TRAY_ICON_SIZE_PX): Buffer {
  const [r, g, b] = TRAY_COLOURS[health];
  const out = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size * 0.42;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x - centre, y - centre);
      const alpha = Math.max(0, Math.min(1, radius - distance + 0.5));
      const i = (y * size + x) * 4;
      out[i] = b;
      out[i + 1] = g;
      out[i + 2] = r;
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}
