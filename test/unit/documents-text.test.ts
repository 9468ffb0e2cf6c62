/**
 * Setting text for documents: which font each character is drawn from, where
 * lines break, and what is refused — with the real font files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../../electron/core/documents/errors';
import { loadFaces, type Face } from '../../electron/core/documents/fonts';
import { TextSetter, type SetLine } from '../../electron/core/documents/text';

let faces: Record<'en' | 'zh-CN' | 'zh-TW', Face[]>;
beforeAll(async () => {
  faces = { en: await loadFaces('en'), 'zh-CN': await loadFaces('zh-CN'), 'zh-TW': await loadFaces('zh-TW') };
});

const runs = (line: SetLine) => line.runs.map((r) => `${r.face.id}:${r.text}`);
const text = (lines: SetLine[]) => lines.map((l) => l.runs.map((r) => r.text).join(''));

describe('choosing a font for each character', () => {
  it('draws Latin, Greek and Cyrillic from Noto Sans, Han from the packer’s Chinese face, Hangul from Noto Sans KR', () => {
    const tw = new TextSetter(faces['zh-TW'], 'zh-TW');
    expect(runs(tw.line('Zoë 陳大文 Ελένη Мария 김민준', 'shipTo'))).toEqual([
      'latin:Zoë ',
      'tc:陳大文 ',
      'latin:Ελένη Мария ',
      'kr:김민준',
    ]);
    const cn = new TextSetter(faces['zh-CN'], 'zh-CN');
    expect(runs(cn.line('陳大文', 'shipTo'))).toEqual(['sc:陳大文']);
  });

  it('falls back per character to the other Chinese face when the first lacks it', () => {
    // 们 and 区 are Simplified only: Noto Sans TC has no glyph for them.
    const tw = new TextSetter(faces['zh-TW'], 'zh-TW');
    expect(runs(tw.line('臺灣们区', 'shipTo'))).toEqual(['tc:臺灣', 'sc:们区']);
  });

  it('keeps punctuation and digits in the face of the text around them', () => {
    const cn = new TextSetter(faces['zh-CN'], 'zh-CN');
    expect(runs(cn.line('阿依古丽·买买提 3号楼', 'shipTo'))).toEqual(['sc:阿依古丽·买买提 3号楼']);
    expect(runs(cn.line('3号楼', 'shipTo'))).toEqual(['latin:3', 'sc:号楼']);
  });

  it('composes accents typed as separate marks (NFC) and drops invisible format characters', () => {
    const en = new TextSetter(faces.en, 'en');
    const decomposed = 'Nguye\u0302\u0303n'; // e + circumflex + tilde
    expect(runs(en.line(decomposed, 'shipTo'))).toEqual(['latin:Nguyễn']);
    expect(runs(en.line('Ma\u00ADria\u200B Lee\uFE0F', 'shipTo'))).toEqual(['latin:Maria Lee']);
  });

  it('keeps a CJK compatibility ideograph a face can draw instead of swapping it for the unified one', () => {
    const tw = new TextSetter(faces['zh-TW'], 'zh-TW');
    const compat = [...'\uF900\uF901\uF902\uF903\uF904'].find((c) =>
      faces['zh-TW'].some((f) => f.font.hasGlyphForCodePoint(c.codePointAt(0)!)),
    );
    expect(compat).toBeDefined();
    expect(
      tw
        .line(`李${compat!}`, 'shipTo')
        .runs.map((r) => r.text)
        .join(''),
    ).toBe(`李${compat!}`);
  });
});

describe('refusing what cannot be printed', () => {
  it('names every character no font has, by code point, in the packer’s language', () => {
    const cn = new TextSetter(faces['zh-CN'], 'zh-CN');
    let error: unknown;
    try {
      cn.wrap('שלום\nनमस्ते 📦', 'shipTo', 40);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentError);
    const e = error as DocumentError;
    expect(e.problem).toBe('unprintable-text');
    expect(e.message).toMatch(/^收件地址含有工作站任何字体都无法打印的字符：/);
    for (const code of ['U+05E9 (ש)', 'U+05DC (ל)', 'U+1F4E6 (📦)']) expect(e.message).toContain(code);
    // Noto Sans has Devanagari glyphs, but unshaped they would be mangled: refused too, cluster by cluster.
    expect(e.message).toContain('U+0928 (न)');
    for (const code of ['U+0938', 'U+094D', 'U+0924', 'U+0947']) expect(e.message).toContain(code);
  });

  it('refuses control characters as bad data, naming them by code point', () => {
    const en = new TextSetter(faces.en, 'en');
    expect(() => en.line('Maria\u0007 Lee', 'notes')).toThrow(/The notes contains characters .*U\+0007\./);
  });

  it('accepts tabs and Windows line ends as spaces and line breaks', () => {
    const en = new TextSetter(faces.en, 'en');
    expect(text(en.wrap('one\ttwo\r\nthree\rfour', 'notes', 100))).toEqual(['one two', 'three', 'four']);
  });
});

describe('breaking lines', () => {
  const widthOf = (setter: TextSetter, s: string) => setter.line(s, 'x').widthEm;

  it('breaks Latin text at spaces, never wider than the column, and keeps every word', () => {
    const en = new TextSetter(faces.en, 'en');
    const sentence = 'An unusually long description that has to wrap across several lines of the column';
    const lines = en.wrap(sentence, 'x', 12);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.widthEm).toBeLessThanOrEqual(12);
    expect(text(lines).join(' ')).toBe(sentence);
    // Greedy: the next word would not have fitted on the line before.
    for (let i = 0; i < lines.length - 1; i++) {
      const next = text([lines[i + 1]!])[0]!.split(' ')[0]!;
      expect(widthOf(en, `${text([lines[i]!])[0]} ${next}`)).toBeGreaterThan(12);
    }
  });

  it('breaks Chinese between characters but never puts a closing mark at the start of a line', () => {
    const cn = new TextSetter(faces['zh-CN'], 'zh-CN');
    const sentence = '请小心轻放，内有易碎品。生日快乐！祝你天天开心，心想事成。';
    for (let width = 3; width <= 12; width++) {
      const lines = text(cn.wrap(sentence, 'x', width));
      expect(lines.join('')).toBe(sentence);
      for (const line of lines.slice(1)) expect(line[0], `width ${width}: ${lines.join(' | ')}`).not.toMatch(/[，。！]/);
    }
  });

  it('breaks after hyphens and slashes, and cuts a word wider than the column', () => {
    const en = new TextSetter(faces.en, 'en');
    for (const width of [3, 4, 5, 6]) {
      const lines = text(en.wrap('SKU-1000-BLK-XL/2', 'x', width));
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('')).toBe('SKU-1000-BLK-XL/2');
      for (const line of lines.slice(0, -1)) expect(line, `width ${width}: ${lines.join(' | ')}`).toMatch(/[-/]$/);
    }
    const lines = text(en.wrap('YT2503010000012345678901234567890', 'x', 6));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('YT2503010000012345678901234567890');
  });
});
