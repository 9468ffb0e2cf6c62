/**
 * The fonts the station's documents are set in, and the glue that lets
 * pdf-lib embed them as subsets.
 *
 * All are Noto, SIL Open Font License 1.1 (fine to ship in a closed-source
 * app and to embed in the PDFs it writes), from the Google Fonts static TTFs
 * that the `@expo-google-fonts/*` packages carry (package code MIT). Only the
 * Regular weight is used (headings are drawn with a stroke, see canvas.ts),
 * so the app ships four files, ~24.5 MB, and electron-builder leaves out the
 * other weights. Each PDF carries only the glyphs it uses.
 *
 * - `latin`: Noto Sans — Latin (all of Extended-A/B and Vietnamese), Greek, Cyrillic, combining marks.
 * - `sc`: Noto Sans SC — Simplified forms; also every Traditional character of the BMP (GB 18030 covers them).
 * - `tc`: Noto Sans TC — Taiwan's Traditional forms, first for zh-TW documents.
 * - `kr`: Noto Sans KR — Hangul, for Korean recipients.
 *
 * Subsets are written by upstream fontkit 2, not `@pdf-lib/fontkit` 1.1.1:
 * that fork predates fontkit's fix of the TrueType `loca` table (fontkit
 * PR 191), and its Noto Sans SC subsets have glyphs that draw as nothing.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import type { Language } from '../../../shared/domain/settings';

export const FACE_IDS = ['latin', 'sc', 'tc', 'kr'] as const;
export type FaceId = (typeof FACE_IDS)[number];

/** Package paths of the font files (resolved from node_modules, inside the asar in a packaged app). */
export const FACE_FILES: Readonly<Record<FaceId, string>> = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  sc: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  tc: '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
  kr: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
};

/**
 * The order fonts are tried in, per packer language. Latin comes first so
 * Latin, Greek and Cyrillic look the same whatever the language; then the
 * Chinese face of the packer's script, the other Chinese face for
 * characters it lacks, and Hangul. Hebrew, Arabic, Thai, Devanagari and
 * emoji are in none of them: text in those scripts is refused with a clear
 * error (see text.ts) rather than printed as boxes, or in the wrong order,
 * since pdf-lib neither reorders right-to-left text nor positions marks.
 */
export const FACE_ORDER: Readonly<Record<Language, readonly FaceId[]>> = {
  en: ['latin', 'sc', 'tc', 'kr'],
  'zh-CN': ['latin', 'sc', 'tc', 'kr'],
  'zh-TW': ['latin', 'tc', 'sc', 'kr'],
};

/**
 * OpenType features for layout, measuring and drawing alike: all of them
 * off, so each character is drawn with its own glyph from the font's cmap.
 * What the coverage check saw is then what prints, and every glyph maps back
 * to its character in the PDF (copy, search, pdftotext). With `ccmp` on,
 * Noto Sans drew "ị" as "i" plus a bare dot glyph that maps to nothing.
 * Text arrives in NFC, so accented letters and Hangul syllables are single
 * characters with glyphs of their own. Ligatures off also make a line's width
 * the sum of its characters' widths, which the line breaker relies on; and
 * pdf-lib draws at advance widths and ignores positions, so kerning and mark
 * positioning would be wasted work (a third of a 500-row handover list's time).
 */
export const FONT_FEATURES: Readonly<Record<string, boolean>> = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'rclt', 'calt', 'clig', 'liga', 'dlig', 'kern', 'mark', 'mkmk', 'curs'].map((tag) => [tag, false]),
);

export interface Face {
  id: FaceId;
  bytes: Uint8Array;
  font: fontkit.Font;
}

const require = createRequire(import.meta.url);
const loading = new Map<FaceId, Promise<Face>>();
/** pdf-lib hands the bytes back to `create`: reuse the parsed font (parsing and glyph caches) instead of parsing again. */
const parsedByBytes = new WeakMap<Uint8Array, fontkit.Font>();

function parse(bytes: Uint8Array): fontkit.Font {
  const parsed = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('unitsPerEm' in parsed)) throw new Error('Expected a single font, got a font collection');
  return parsed;
}

/** Reads and parses a face once per process; later calls share it. */
export function loadFace(id: FaceId): Promise<Face> {
  let face = loading.get(id);
  if (!face) {
    face = (async () => {
      const bytes = new Uint8Array(await readFile(require.resolve(FACE_FILES[id])));
      const font = parse(bytes);
      parsedByBytes.set(bytes, font);
      return { id, bytes, font };
    })();
    face.catch(() => loading.delete(id));
    loading.set(id, face);
  }
  return face;
}

export async function loadFaces(language: Language): Promise<Face[]> {
  return Promise.all(FACE_ORDER[language].map(loadFace));
}

/** The part of a pdf-lib subset that it reads: it streams the encoded font. */
interface StreamingSubset {
  encodeStream(): { on(event: string, listener: (arg?: unknown) => void): unknown };
}

/**
 * fontkit 2 for pdf-lib's `registerFontkit`. pdf-lib still calls the old
 * `subset.encodeStream()` (fontkit 1's Node stream); fontkit 2 has the
 * synchronous `encode()`, so each subset gets a one-chunk stream.
 */
type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

export const fontkitForPdfLib: PdfLibFontkit = {
  create(bytes: Uint8Array) {
    const font = parsedByBytes.get(bytes) ?? parse(bytes);
    const adapted = new Proxy(font, {
      get(target, property, receiver) {
        if (property !== 'createSubset') return Reflect.get(target, property, receiver) as unknown;
        return () => {
          const subset = target.createSubset();
          const streaming = subset as typeof subset & StreamingSubset;
          streaming.encodeStream = () => {
            const listeners = new Map<string, (arg?: unknown) => void>();
            const stream = {
              on(event: string, listener: (arg?: unknown) => void) {
                listeners.set(event, listener);
                return stream;
              },
            };
            // pdf-lib attaches its data/end/error listeners right after the call: emit once they are there.
            queueMicrotask(() => {
              try {
                listeners.get('data')?.(subset.encode());
                listeners.get('end')?.();
              } catch (error) {
                listeners.get('error')?.(error);
              }
            });
            return stream;
          };
          return streaming;
        };
      },
    });
    // pdf-lib's own declaration of a fontkit font is fontkit 1's; fontkit 2 has every member it uses.
    return adapted as unknown as ReturnType<PdfLibFontkit['create']>;
  },
};
