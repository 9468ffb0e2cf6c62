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

/**
 * The field as a person reads it, in the document's language: "lines[2].quantity"
 * → "Item line 3", "labels[4].trackingNumber" → "The tracking number". The
 * part after the dot names the field when the catalogue knows it, else the
 * list it is in does. `params` fill in the rest (a label's tracking number).
 */
export function fieldLabel(language: Language, field: string, params: Readonly<Record<string, string | number>> = {}): string {
  const match = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(field);
  const n = match?.[2] === undefined ? '' : Number(match[2]) + 1;
  for (const key of [match?.[3], match?.[1]]) {
    if (!key) continue;
    const label = translate(language, `documents.fields.${key}`, { n, ...params });
    if (label !== `documents.fields.${key}`) return label;
  }
  return field;
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

/** `problem` is a key of documents.problems; `params` go to the field's name. */
export function invalidInput(
  language: Language,
  field: string,
  problem: string,
  params: Readonly<Record<string, string | number>> = {},
): DocumentError {
  return new DocumentError(
    'invalid',
    field,
    translate(language, 'documents.errors.invalid', {
      field: fieldLabel(language, field, params),
      problem: translate(language, `documents.problems.${problem}`),
    }),
  );
}
