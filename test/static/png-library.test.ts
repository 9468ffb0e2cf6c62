/**
 * PNGs are written and read with pngjs (MIT, already a dependency), not by
 * hand: a hand-made writer is one more place for a CRC, filter or chunk-order
 * mistake that only a strict viewer or driver would notice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('PNG encoding', () => {
  it('no source writes PNG image data chunks by hand (reading a chunk pngjs does not expose is fine)', () => {
    const handMade = sources(join(root, 'electron'))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        // A writer names the IDAT chunk and compresses the pixels itself.
        return /['"`]IDAT['"`]/.test(text) && /\bdeflate(Sync|Raw|RawSync)?\b/.test(text);
      })
      .map((file) => relative(root, file));
    expect(handMade).toEqual([]);
  });

  it('the sandbox label PNG goes through pngjs', () => {
    expect(readFileSync(join(root, 'electron/sandbox/documents/gray-png.ts'), 'utf8')).toMatch(/from 'pngjs'/);
  });
});
