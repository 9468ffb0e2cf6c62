import type { TFunction } from 'i18next';
import { LabelRequestSchema } from '../../../../shared/domain/label-request';
import type { LabelRequestInput } from '../../../../shared/domain/label-request';

/** The form label (i18n key under `create.`) of a request path's last segment. */
const LABEL_OF: Readonly<Record<string, string>> = {
  firstName: 'firstName',
  lastName: 'lastName',
  phone: 'phone',
  email: 'email',
  streetLines: 'street1',
  city: 'city',
  state: 'state',
  postalCode: 'postalCode',
  countryCode: 'countryCode',
  courier: 'courier',
  productCode: 'product',
  format: 'labelFormat',
  customerOrderNumber: 'customerOrderNumber',
  platformOrderNumber: 'platformOrderNumber',
  referenceNumbers: 'referenceNumbers',
  weight: 'weight',
  length: 'length',
  width: 'width',
  height: 'height',
  descriptionEn: 'descriptionEn',
  descriptionLocal: 'descriptionLocal',
  quantity: 'quantity',
  amount: 'unitPrice',
  currency: 'currency',
  unitWeight: 'unitWeight',
};

function labelFor(path: readonly PropertyKey[], t: TFunction): string | null {
  const named = [...path].reverse().find((p) => typeof p === 'string' && p in LABEL_OF) as string | undefined;
  return named ? t(`create.${LABEL_OF[named]}` as 'create.city') : null;
}

/**
 * The shared schema's messages are English and precise. In another language
 * the common cases (missing, too long, not a number, too small) are said in
 * that language with the field's own label; the rarer rules (a US state code,
 * a postal code shape) keep the schema's precise English words.
 */
export function localisedIssues(input: LabelRequestInput, t: TFunction): { field: string; message: string }[] {
  const parsed = LabelRequestSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const label = labelFor(issue.path, t);
    const say = (key: string, extra: Record<string, unknown> = {}) =>
      label ? t(`create.validation.${key}` as 'create.validation.required', { label, ...extra }) : issue.message;
    switch (issue.code) {
      case 'invalid_type':
        return { field, message: issue.expected === 'number' ? say('number') : say('required') };
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { field, message: say('required') };
        if (issue.origin === 'number') return { field, message: say('atLeast', { min: issue.minimum }) };
        return { field, message: issue.message };
      case 'too_big':
        return { field, message: issue.origin === 'string' ? say('tooLong', { max: issue.maximum }) : issue.message };
      case 'invalid_format':
        return { field, message: say('format') };
      default:
        return { field, message: issue.message };
    }
  });
}
