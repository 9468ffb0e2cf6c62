import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CSV_DELIMITERS,
  CSV_ENCODINGS,
  LINE_FIELDS,
  NUMBERED_ITEM_PLACEHOLDER,
  ORDER_CSV_LAYOUTS,
  ORDER_FIELDS,
  WEIGHT_UNITS,
  type MappedField,
  type OrderCsvPreset,
  type OrderCsvPresetInput,
} from '../../../../shared/domain/order-csv-presets';
import { ORDER_SOURCE_PATTERN } from '../../../../shared/domain/orders';

/** The mapping as the screen edits it: one text per field, fallback columns joined by " | ". */
export interface MappingDraft {
  name: string;
  source: string;
  layout: (typeof ORDER_CSV_LAYOUTS)[number];
  delimiter: (typeof CSV_DELIMITERS)[number];
  encoding: (typeof CSV_ENCODINGS)[number];
  decimalSeparator: '.' | ',';
  weightUnit: (typeof WEIGHT_UNITS)[number];
  groupBy: string;
  countryCode: string;
  currency: string;
  columns: Partial<Record<MappedField, string>>;
}

const FALLBACK_JOIN = ' | ';
const ALL_FIELDS: readonly MappedField[] = [...ORDER_FIELDS, ...LINE_FIELDS];

export function draftFromPreset(preset: OrderCsvPreset, name: string): MappingDraft {
  const columns: Partial<Record<MappedField, string>> = {};
  for (const field of ALL_FIELDS) {
    const list = preset.columns[field];
    if (list && list.length > 0) columns[field] = list.join(FALLBACK_JOIN);
  }
  return {
    name,
    source: preset.source,
    layout: preset.layout,
    delimiter: preset.delimiter,
    encoding: preset.encoding,
    decimalSeparator: preset.decimalSeparator,
    weightUnit: preset.weightUnit,
    groupBy: preset.groupBy[0] ?? '',
    countryCode: preset.defaults.countryCode,
    currency: preset.defaults.currency,
    columns,
  };
}

export function emptyDraft(): MappingDraft {
  return {
    name: '',
    source: 'spreadsheet',
    layout: 'line-per-row',
    delimiter: 'auto',
    encoding: 'utf-8',
    decimalSeparator: '.',
    weightUnit: 'kg',
    groupBy: '',
    countryCode: '',
    currency: '',
    columns: {},
  };
}

/** The contract's preset (its schema checks it again). */
export function presetFromDraft(d: MappingDraft): OrderCsvPresetInput {
  const columns: Partial<Record<MappedField, string[]>> = {};
  for (const field of ALL_FIELDS) {
    const list = (d.columns[field] ?? '')
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (list.length > 0) columns[field] = list;
  }
  return {
    name: d.name.trim(),
    source: d.source.trim(),
    layout: d.layout,
    delimiter: d.delimiter,
    encoding: d.encoding,
    decimalSeparator: d.decimalSeparator,
    columns,
    groupBy: d.layout === 'line-per-row' && d.groupBy.trim() !== '' ? [d.groupBy.trim()] : [],
    required: [],
    statusValues: {},
    lineStatusValues: {},
    weightUnit: d.weightUnit,
    defaults: { currency: d.currency.trim().toUpperCase(), countryCode: d.countryCode.trim().toUpperCase(), requiresShipping: true },
  };
}

/** What keeps this mapping from reading a file, as message keys per field (checked before the station is asked). */
export function draftProblems(d: MappingDraft): { field: string; key: string }[] {
  const problems: { field: string; key: string }[] = [];
  const has = (f: MappedField) => (d.columns[f] ?? '').trim() !== '';
  if (d.name.trim() === '') problems.push({ field: 'name', key: 'name' });
  if (!ORDER_SOURCE_PATTERN.test(d.source.trim())) problems.push({ field: 'source', key: 'source' });
  if (!has('orderNumber') && !has('externalId')) problems.push({ field: 'orderNumber', key: 'orderNumber' });
  if (!has('lineSku') && !has('lineName')) problems.push({ field: 'lineSku', key: 'lineSku' });
  if (!has('lineQuantity')) problems.push({ field: 'lineQuantity', key: 'lineQuantity' });
  if (d.layout === 'line-per-row' && ALL_FIELDS.some((f) => (d.columns[f] ?? '').includes(NUMBERED_ITEM_PLACEHOLDER)))
    problems.push({ field: 'layout', key: 'numbered' });
  if (d.countryCode.trim() !== '' && !/^[A-Za-z]{2}$/.test(d.countryCode.trim())) problems.push({ field: 'countryCode', key: 'country' });
  if (d.currency.trim() !== '' && !/^[A-Za-z]{3}$/.test(d.currency.trim())) problems.push({ field: 'currency', key: 'currency' });
  return problems;
}

const fieldId = (f: string) => `map-${f}`;

export function MappingEditor({
  draft,
  onChange,
  header,
  fileName,
  templates,
  onSave,
  onPreview,
  onDelete,
  busy,
}: {
  draft: MappingDraft;
  onChange(d: MappingDraft): void;
  /** Column names of the chosen file, offered in each field. */
  header: readonly string[];
  fileName: string | null;
  /** Presets to start from (built in and saved). */
  templates: readonly { name: string; preset: OrderCsvPreset; builtIn: boolean }[];
  onSave(): void;
  onPreview(): void;
  /** Set when the draft is a saved mapping that may be deleted. */
  onDelete?: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const problems = draftProblems(draft);
  const problemAt = (field: string) => problems.find((p) => p.field === field);
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => onChange({ ...draft, [key]: value });
  const setColumn = (field: MappedField, value: string) => onChange({ ...draft, columns: { ...draft.columns, [field]: value } });
  const tryRun = (run: () => void) => {
    setShown(true);
    if (problems.length === 0) run();
    else document.getElementById(fieldId(problems[0]!.field))?.focus();
  };
  const errorOf = (field: string) => {
    const p = shown ? problemAt(field) : undefined;
    return p ? (
      <span className="field-error" id={`${fieldId(field)}-error`}>
        {t(`mapping.problems.${p.key}`)}
      </span>
    ) : null;
  };
  const invalid = (field: string) =>
    shown && problemAt(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${fieldId(field)}-error` } : {};

  return (
    <section className="box mapping" aria-labelledby="mapping-title" data-testid="mapping-editor">
      <h3 id="mapping-title" className="box-head">
        {t('mapping.title')}
      </h3>
      <p className="hint">{t('mapping.intro')}</p>
      <div className="mapping-grid">
        <div className="field">
          <label htmlFor="map-start">{t('mapping.startFrom')}</label>
          <select
            id="map-start"
            value=""
            onChange={(e) => {
              const from = templates.find((p) => p.name === e.target.value);
              if (from) onChange({ ...draftFromPreset(from.preset, draft.name), name: draft.name });
            }}
          >
            <option value="">—</option>
            {templates.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
                {p.builtIn ? ` ${t('mapping.builtIn')}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId('name')}>{t('mapping.name')}</label>
          <input
            id={fieldId('name')}
            value={draft.name}
            maxLength={60}
            onChange={(e) => set('name', e.target.value)}
            {...invalid('name')}
          />
          {errorOf('name')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('source')}>{t('mapping.source')}</label>
          <input
            id={fieldId('source')}
            value={draft.source}
            maxLength={40}
            translate="no"
            onChange={(e) => set('source', e.target.value)}
            aria-describedby={shown && problemAt('source') ? `${fieldId('source')}-error map-source-hint` : 'map-source-hint'}
            aria-invalid={shown && problemAt('source') ? true : undefined}
          />
          <span className="hint" id="map-source-hint">
            {t('mapping.sourceHint')}
          </span>
          {errorOf('source')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('layout')}>{t('mapping.layout')}</label>
          <select
            id={fieldId('layout')}
            value={draft.layout}
            onChange={(e) => set('layout', e.target.value as MappingDraft['layout'])}
            {...invalid('layout')}
          >
            {ORDER_CSV_LAYOUTS.map((l) => (
              <option key={l} value={l}>
                {t(`mapping.layouts.${l}`)}
              </option>
            ))}
          </select>
          {errorOf('layout')}
        </div>
        {draft.layout === 'line-per-row' && (
          <div className="field">
            <label htmlFor={fieldId('groupBy')}>{t('mapping.groupBy')}</label>
            <input
              id={fieldId('groupBy')}
              list="map-header"
              value={draft.groupBy}
              translate="no"
              onChange={(e) => set('groupBy', e.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={fieldId('delimiter')}>{t('mapping.delimiter')}</label>
          <select
            id={fieldId('delimiter')}
            value={draft.delimiter}
            onChange={(e) => set('delimiter', e.target.value as MappingDraft['delimiter'])}
          >
            {CSV_DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {t(`mapping.delimiters.${d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'auto'}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId('encoding')}>{t('mapping.encoding')}</label>
          <select
            id={fieldId('encoding')}
            value={draft.encoding}
            translate="no"
            onChange={(e) => set('encoding', e.target.value as MappingDraft['encoding'])}
          >
            {CSV_ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {e.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId('decimal')}>{t('mapping.decimal')}</label>
          <select
            id={fieldId('decimal')}
            value={draft.decimalSeparator}
            onChange={(e) => set('decimalSeparator', e.target.value as '.' | ',')}
          >
            <option value=".">1.5</option>
            <option value=",">1,5</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId('weightUnit')}>{t('mapping.weightUnit')}</label>
          <select
            id={fieldId('weightUnit')}
            value={draft.weightUnit}
            onChange={(e) => set('weightUnit', e.target.value as MappingDraft['weightUnit'])}
          >
            {WEIGHT_UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId('countryCode')}>{t('mapping.defaultCountry')}</label>
          <input
            id={fieldId('countryCode')}
            value={draft.countryCode}
            maxLength={2}
            className="narrow-input"
            onChange={(e) => set('countryCode', e.target.value)}
            {...invalid('countryCode')}
          />
          {errorOf('countryCode')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('currency')}>{t('mapping.defaultCurrency')}</label>
          <input
            id={fieldId('currency')}
            value={draft.currency}
            maxLength={3}
            className="narrow-input"
            onChange={(e) => set('currency', e.target.value)}
            {...invalid('currency')}
          />
          {errorOf('currency')}
        </div>
      </div>

      <fieldset className="mapping-columns">
        <legend>{t('mapping.columnsTitle')}</legend>
        <p className="hint">
          {t('mapping.fallbackHint')} {draft.layout === 'order-per-row' && t('mapping.numberedHint')}
        </p>
        {header.length > 0 && fileName && <p className="hint">{t('mapping.headerFrom', { file: fileName })}</p>}
        <datalist id="map-header">
          {header.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <div className="mapping-grid">
          {ALL_FIELDS.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={fieldId(field)}>{t(`mapping.fields.${field}`)}</label>
              <input
                id={fieldId(field)}
                list="map-header"
                value={draft.columns[field] ?? ''}
                translate="no"
                autoComplete="off"
                placeholder={t('mapping.notMapped')}
                onChange={(e) => setColumn(field, e.target.value)}
                {...invalid(field)}
              />
              {errorOf(field)}
            </div>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => tryRun(onPreview)}>
          {t('importScreen.preview')}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => tryRun(onSave)}>
          {t('mapping.save')}
        </button>
        {onDelete && (
          <button type="button" className="button button-quiet" disabled={busy} onClick={onDelete}>
            {t('mapping.delete')}
          </button>
        )}
      </div>
    </section>
  );
}
