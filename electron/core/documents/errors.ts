/**
 * A document that cannot be written as asked. The message is already in the
 * document's language and says what to correct; `field` points into the
 * view model (e.g. `shipTo.name`, `lines[3].description`) so a screen can
 * show it beside the right input.
 */
import type { Language } from '../../../shared/domain/settings';
import { translate } from '../../../shared/i18n';
import { StationFailure } from '../../../shared/result';

export type DocumentProblem = 'unprintable-text' | 'barcode-value' | 'barcode-too-wide' | 'invalid';

export class DocumentError extends StationFailure {
  readonly problem: DocumentProblem;
  readonly field: string;
  constructor(problem: DocumentProblem, field: string, message: string) {
    super('INVALID_ARGUMENT', message, [{ field, message }]);
    this.name = 'DocumentError';
    this.problem = problem;
    this.field = field;
  }
}

/** U+05D0 (א) — code point first, since the glyph itself may not show where the message is read. */
export function describeCharacters(characters: readonly string[]): string {
  return characters
    .map((c) => {
      const codes = [...c].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
      return /\p{Cc}/u.test(c) ? codes : `${codes} (${c})`;
    })
    .join(', ');
}

/** "lines[2].sku" → "Item line 3", in the document's language. */
export function fieldLabel(language: Language, field: string): string {
  const match = /^(\w+)(?:\[(\d+)\])?/.exec(field);
  const key = match?.[1] ?? field;
  const n = match?.[2] === undefined ? '' : Number(match[2]) + 1;
  const label = translate(language, `documents.fields.${key}`, { n });
  return label === `documents.fields.${key}` ? field : label;
}

export function unprintableText(language: Language, field: string, characters: readonly string[]): DocumentError {
  return new DocumentError(
    'unprintable-text',
    field,
    translate(language, 'documents.errors.unprintable', { field: fieldLabel(language, field), characters: describeCharacters(characters) }),
  );
}

export function badBarcodeValue(language: Language, field: string, value: string): DocumentError {
  return new DocumentError(
    'barcode-value',
    field,
    translate(language, 'documents.errors.barcodeValue', { field: fieldLabel(language, field), value }),
  );
}

export function barcodeTooWide(language: Language, field: string, value: string, paper: string): DocumentError {
  return new DocumentError(
    'barcode-too-wide',
    field,
    translate(language, 'documents.errors.barcodeTooWide', { field: fieldLabel(language, field), value, paper }),
  );
}

/** `problem` is a key of documents.problems. */
export function invalidInput(language: Language, field: string, problem: string): DocumentError {
  return new DocumentError(
    'invalid',
    field,
    translate(language, 'documents.errors.invalid', {
      field: fieldLabel(language, field),
      problem: translate(language, `documents.problems.${problem}`),
    }),
  );
}
