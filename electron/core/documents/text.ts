/**
 * Text as the documents set it: every character drawn from a font that has
 * it, or an error that names the character. Nothing is transliterated,
 * replaced with "?" or left to print as a box.
 *
 * A text is split into grapheme clusters (a letter with its accents, a
 * Hangul syllable); each cluster is set in the first face of the stack that
 * has every code point of it, except that spaces, digits and punctuation stay
 * in the face of the text around them, so "张伟·王" keeps its middle dot in
 * the Chinese face. Lines break at spaces, after hyphens and slashes, and
 * between CJK characters (never before a closing mark such as "，" or ")"),
 * and a word wider than the line is cut where it must be.
 */
import type { Language } from '../../../shared/domain/settings';
import { unprintableText } from './errors';
import type { Face } from './fonts';

export interface Run {
  face: Face;
  text: string;
  /** Width in ems (multiply by the font size for points). */
  widthEm: number;
}

export interface SetLine {
  runs: Run[];
  widthEm: number;
}

interface Cluster {
  text: string;
  face: Face;
  widthEm: number;
  space: boolean;
}

/** Neither drawn nor needing a glyph (zero-width joiners, variation selectors, soft hyphens, BOM): left out. */
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Characters that belong to no one script: they may stay in the face of the text around them. */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]+$/u;
const CONTROL = /[\p{Cc}]/u;
/**
 * Scripts that print right character by character. Others need shaping
 * (Devanagari, Thai, Arabic joining) or right-to-left ordering (Hebrew,
 * Arabic), which pdf-lib does not do: they are refused even where a face has
 * the glyphs (Noto Sans has Devanagari), since unshaped they would be mangled.
 */
const SET_WITHOUT_SHAPING =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\p{Script=Common}\p{Script=Inherited}]+$/u;
/** Split with a capture group: odd items are the compatibility ideographs. */
const COMPATIBILITY_IDEOGRAPH = /([\uF900-\uFAFF\u{2F800}-\u{2FA1F}])/u;
const SPACE = /^\s+$/u;
/** Characters set one by one in CJK text: a line may break before and after each. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
/** A line never starts with these (closing brackets and marks, Latin and CJK). */
const NO_BREAK_BEFORE = new Set([
  ...'!),.:;?]}¢°’”‰℃、。〉》」』】〕〗〙〛〞！），．：；？］｝～｠ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ',
]);
/** A line never ends with these (opening brackets and marks). */
const NO_BREAK_AFTER = new Set([...'([{£¥‘“〈《「『【〔〖〘〚〝（［｛｟＄']);
const BREAK_AFTER = new Set(['-', '/', '‐', '–', '—']);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Widths in ems of the clusters each face has set, for the life of the process (a face never changes). */
const widthCache = new WeakMap<Face, Map<string, number>>();

export class TextSetter {
  constructor(
    private readonly faces: readonly Face[],
    private readonly language: Language,
  ) {}

  /**
   * NFC (so "é" is one character whichever way it was typed), CR LF and CR
   * to LF, tabs to spaces, invisible format characters dropped. Any other
   * control character is an error: it is bad data, not text.
   */
  normalize(text: string, field: string): string {
    const clean = this.nfc(text).replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(DEFAULT_IGNORABLE, '');
    const controls = [...new Set([...clean].filter((c) => c !== '\n' && CONTROL.test(c)))];
    if (controls.length > 0) throw unprintableText(this.language, field, controls);
    return clean;
  }

  /**
   * NFC, except for CJK compatibility ideographs (U+F900…, used in names for
   * a particular glyph) that a face can print: NFC would swap them for the
   * unified ideograph. One no face has becomes its unified twin.
   */
  private nfc(text: string): string {
    return text
      .split(COMPATIBILITY_IDEOGRAPH)
      .map((part, i) =>
        i % 2 === 1 && this.faces.some((f) => f.font.hasGlyphForCodePoint(part.codePointAt(0)!)) ? part : part.normalize('NFC'),
      )
      .join('');
  }

  /** Sets one paragraph on a single line (no wrapping); line breaks in it become spaces. */
  line(text: string, field: string): SetLine {
    return toLine(this.clusters(this.normalize(text, field).replace(/\n/g, ' '), field));
  }

  /**
   * Sets `text` in lines no wider than `maxWidthEm` ems (the column width
   * divided by the font size). Line breaks in the text are kept; an empty
   * text gives no lines.
   */
  wrap(text: string, field: string, maxWidthEm: number): SetLine[] {
    const normalized = this.normalize(text, field);
    if (normalized.trim() === '') return [];
    const out: SetLine[] = [];
    // Every paragraph is checked before any is set, so one error names every character that cannot print.
    const paragraphs = this.clustersOfParagraphs(normalized.split('\n'), field);
    for (const clusters of paragraphs) out.push(...breakLines(clusters, maxWidthEm));
    return out;
  }

  /** Throws if any character of `text` has no font; returns nothing otherwise. */
  check(text: string, field: string): void {
    this.clustersOfParagraphs(this.normalize(text, field).split('\n'), field);
  }

  private clustersOfParagraphs(paragraphs: readonly string[], field: string): Cluster[][] {
    const missing = new Set<string>();
    const result = paragraphs.map((p) => this.clusters(p, field, missing));
    if (missing.size > 0) throw unprintableText(this.language, field, [...missing]);
    return result;
  }

  private clusters(text: string, field: string, missing?: Set<string>): Cluster[] {
    const out: Cluster[] = [];
    const own = missing ?? new Set<string>();
    let current: Face | null = null;
    for (const { segment } of graphemes.segment(text)) {
      const codePoints = [...segment].map((c) => c.codePointAt(0)!);
      const covers = (face: Face) => codePoints.every((cp) => face.font.hasGlyphForCodePoint(cp));
      const face: Face | undefined = !SET_WITHOUT_SHAPING.test(segment)
        ? undefined
        : current && NEUTRAL.test(segment) && covers(current)
          ? current
          : this.faces.find(covers);
      if (!face) {
        own.add(segment);
        continue;
      }
      current = face;
      out.push({ text: segment, face, widthEm: this.widthEm(face, segment), space: SPACE.test(segment) });
    }
    if (!missing && own.size > 0) throw unprintableText(this.language, field, [...own]);
    return out;
  }

  private widthEm(face: Face, cluster: string): number {
    let widths = widthCache.get(face);
    if (!widths) {
      widths = new Map();
      widthCache.set(face, widths);
    }
    let width = widths.get(cluster);
    if (width === undefined) {
      // Every layout feature is off (FONT_FEATURES), so pdf-lib draws each character's own cmap glyph at its advance width: the same sum.
      width = 0;
      for (const ch of cluster) width += face.font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
      width /= face.font.unitsPerEm;
      widths.set(cluster, width);
    }
    return width;
  }
}

function mayBreakBetween(before: Cluster, after: Cluster): boolean {
  if (after.space) return false;
  if (before.space) return true;
  if (NO_BREAK_BEFORE.has(after.text) || NO_BREAK_AFTER.has(before.text)) return false;
  if (BREAK_AFTER.has(before.text)) return true;
  return CJK.test(before.text) || CJK.test(after.text);
}

function breakLines(clusters: readonly Cluster[], maxWidthEm: number): SetLine[] {
  const lines: SetLine[] = [];
  let start = 0;
  let lastBreak = -1;
  let width = 0;
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i]!;
    if (i > start && mayBreakBetween(clusters[i - 1]!, cluster)) lastBreak = i;
    // Spaces may hang past the edge: they are trimmed from the line's end.
    if (!cluster.space && i > start && width + cluster.widthEm > maxWidthEm) {
      const cut = lastBreak > start ? lastBreak : i;
      lines.push(toLine(clusters.slice(start, cut)));
      start = cut;
      lastBreak = -1;
      width = clusters.slice(start, i).reduce((sum, c) => sum + c.widthEm, 0);
    }
    width += cluster.widthEm;
  }
  lines.push(toLine(clusters.slice(start)));
  return lines;
}

/** Joins clusters into runs of one face; spaces at either end of a line are dropped (they only separated words). */
function toLine(clusters: readonly Cluster[]): SetLine {
  let from = 0;
  let to = clusters.length;
  while (from < to && clusters[from]!.space) from++;
  while (to > from && clusters[to - 1]!.space) to--;
  const runs: Run[] = [];
  for (const c of clusters.slice(from, to)) {
    const last = runs.at(-1);
    if (last && last.face === c.face) {
      last.text += c.text;
      last.widthEm += c.widthEm;
    } else runs.push({ face: c.face, text: c.text, widthEm: c.widthEm });
  }
  return { runs, widthEm: runs.reduce((sum, r) => sum + r.widthEm, 0) };
}
