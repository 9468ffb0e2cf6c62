import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { COUNTRIES } from '../../../../shared/domain/countries';
import { WEIGHT_UNITS } from '../../../../shared/domain/order-csv-presets';
import { ORDER_PAGE_MAX, type SkuEntryViewSchema } from '../../../../shared/domain/order-desk';
import type { SkuEntry } from '../../../../shared/domain/sku-catalogue';
import type { StationError } from '../../../../shared/result';
import { localeOf } from '../../i18n';
import { AlertText, CourierText } from '../../lib/courier-text';
import { Pager } from '../../lib/pager';
import { rowsAround, walkRows } from '../../lib/row-keys';
import { useFormat } from '../../lib/format';
import { saveTextFile } from '../../lib/save-file';
import { useStation } from '../../lib/station-context';
import { CatalogueImport } from './CatalogueImport';
import { EditDeleteButtons, useDeleteConfirm } from './row-actions';
import { SkuColumnHeads } from './sku-columns';
import { InputField, SelectInput, type FieldErrors } from './setup-fields';
import { SetupForm, useFormProblem } from './setup-form';
import {
  catalogueCsv,
  draftOfEntry,
  emptySkuDraft,
  entryOfDraft,
  formFieldOf,
  isWeightUnit,
  moneyText,
  type SkuDraft,
  type SkuField,
} from './sku-form';

type SkuView = z.output<typeof SkuEntryViewSchema>;

/** Rows per page: enough to scan by eye; the search finds the rest. */
export const CATALOGUE_PAGE_ROWS = 50;
/** Typing pauses this long before the list asks the station. */
export const CATALOGUE_SEARCH_DEBOUNCE_MS = 200;

type Editing = { mode: 'add'; sku?: string } | { mode: 'edit'; entry: SkuView } | null;

/** `addSku`: opened from an order's line whose SKU is not in the catalogue: the add form opens with it. */
export function CatalogueView({ addSku }: { addSku?: string } = {}) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState({ search: '', offset: 0 });
  const [page, setPage] = useState<{ items: SkuView[]; total: number } | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<StationError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(addSku !== undefined ? { mode: 'add', sku: addSku } : null);
  const [importing, setImporting] = useState(false);
  const confirmDelete = useDeleteConfirm(setNotice);
  const rows = useRef<HTMLTableSectionElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setTimeout(
      () => setQuery((q) => (q.search === typed.trim() ? q : { search: typed.trim(), offset: 0 })),
      CATALOGUE_SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    let live = true;
    void station
      .skusList({ ...(query.search ? { search: query.search } : {}), offset: query.offset, limit: CATALOGUE_PAGE_ROWS })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setError(r.error);
        setError(null);
        setPage({ items: r.value.items, total: r.value.total });
      });
    return () => {
      live = false;
    };
  }, [station, query, version]);

  const reload = () => setVersion((v) => v + 1);

  const remove = async (sku: string) => {
    const r = await station.skusDelete({ sku });
    if (!r.ok) return setError(r.error);
    setNotice(t('catalogue.deleted', { sku }));
    reload();
    addButton.current?.focus();
  };

  const exportCsv = async () => {
    setError(null);
    const all: SkuEntry[] = [];
    for (let offset = 0; ; offset += ORDER_PAGE_MAX) {
      const r = await station.skusList({ offset, limit: ORDER_PAGE_MAX });
      if (!r.ok) return setError(r.error);
      all.push(...r.value.items);
      setNotice(t('catalogue.exporting', { done: all.length, total: r.value.total }));
      if (r.value.items.length === 0 || all.length >= r.value.total) break;
    }
    const file = 'sku-catalogue.csv';
    saveTextFile(file, catalogueCsv(all), 'text/csv;charset=utf-8');
    setNotice(t('catalogue.exported', { count: all.length, file }));
  };

  const onRowsKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const { rows: list, index } = rowsAround(e, rows.current, 'tr[data-sku]');
    // On the row itself only: Enter and the arrows on its buttons keep their own meaning.
    if (index < 0 || e.target !== list[index]) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      const entry = page?.items[index];
      if (entry) setEditing({ mode: 'edit', entry });
      return;
    }
    walkRows(e, list, index);
  };

  if (importing) {
    return (
      <CatalogueImport
        onDone={() => {
          setImporting(false);
          reload();
        }}
      />
    );
  }

  const total = page?.total ?? 0;
  return (
    <section aria-labelledby="catalogue-title" className="pack-setup-panel">
      <div className="shipments-head">
        <h3 id="catalogue-title" className="view-title">
          {t('catalogue.title')}
        </h3>
        {page && (
          <p className="shipments-count" data-testid="catalogue-count">
            {t('catalogue.count', { count: total, formatted: fmt.number(total) })}
          </p>
        )}
      </div>
      <p className="hint">{t('catalogue.intro')}</p>
      <div className="toolbar">
        <label className="field grow">
          <span>{t('catalogue.search')}</span>
          <input
            type="search"
            value={typed}
            maxLength={100}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              const first = rows.current?.querySelector<HTMLElement>('tr[data-sku]');
              if (e.key === 'ArrowDown' && first) {
                e.preventDefault();
                first.focus();
              }
            }}
          />
        </label>
        <button type="button" className="button" ref={addButton} onClick={() => setEditing({ mode: 'add' })}>
          {t('catalogue.add')}
        </button>
        <button type="button" className="button" onClick={() => setImporting(true)}>
          {t('catalogue.import')}
        </button>
        <button type="button" className="button button-quiet" disabled={total === 0} onClick={() => void exportCsv()}>
          {t('catalogue.export')}
        </button>
      </div>
      <p role="status" className="live-empty" data-testid="catalogue-status">
        {notice}
      </p>
      <AlertText text={error?.message} />
      {editing && (
        <SkuForm
          key={editing.mode === 'edit' ? editing.entry.sku : '\u0000new'}
          editing={editing}
          onCancel={() => {
            setEditing(null);
            addButton.current?.focus();
          }}
          onSaved={(sku) => {
            setEditing(null);
            setNotice(t('catalogue.saved', { sku }));
            reload();
            addButton.current?.focus();
          }}
        />
      )}
      {!page && !error && <p className="empty">{t('packSetup.loading')}</p>}
      {page && total === 0 && <p className="empty">{query.search ? t('catalogue.noMatch') : t('catalogue.empty')}</p>}
      {page && page.items.length > 0 && (
        <div className="table-scroll">
          <table className="table catalogue-table stack-table" aria-label={t('catalogue.listLabel', { count: total })}>
            <thead>
              <tr>
                <SkuColumnHeads />
                <th scope="col">{t('catalogue.columns.actions')}</th>
              </tr>
            </thead>
            <tbody ref={rows} onKeyDown={onRowsKey}>
              {page.items.map((e) => (
                <tr key={e.sku} tabIndex={0} data-sku={e.sku} data-testid="sku-row">
                  <th scope="row" translate="no" className="mono">
                    {e.sku}
                  </th>
                  <td data-label={t('catalogue.columns.descriptionEn')}>
                    {e.descriptionEn ? <CourierText text={e.descriptionEn} /> : <Missing />}
                  </td>
                  <td data-label={t('catalogue.columns.descriptionLocal')} translate="no">
                    {e.descriptionLocal || '—'}
                  </td>
                  <td data-label={t('catalogue.columns.unitWeight')} className="num" translate="no">
                    {e.unitWeightKg === null ? <Missing /> : fmt.number(e.unitWeightKg)}
                  </td>
                  <td data-label={t('catalogue.columns.unitValue')} className="num" translate="no">
                    {e.unitValue ? moneyText(localeOf(i18n.language), e.unitValue) : '—'}
                  </td>
                  <td data-label={t('catalogue.columns.hsCode')} translate="no" className="mono">
                    {e.hsCode || '—'}
                  </td>
                  <td data-label={t('catalogue.columns.originCountry')} translate="no">
                    {e.originCountry || '—'}
                  </td>
                  <td data-label={t('catalogue.columns.actions')} className="row-actions">
                    <EditDeleteButtons
                      rowKey={e.sku}
                      name={e.sku}
                      confirm={confirmDelete}
                      onEdit={() => setEditing({ mode: 'edit', entry: e })}
                      onDelete={() => remove(e.sku)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (
        <Pager
          label={t('catalogue.title')}
          texts="catalogue"
          offset={query.offset}
          pageRows={CATALOGUE_PAGE_ROWS}
          total={total}
          onOffset={(offset) => setQuery((q) => ({ ...q, offset }))}
        />
      )}
    </section>
  );
}

function Missing() {
  const { t } = useTranslation();
  return <span className="warn-text">{t('catalogue.notSet')}</span>;
}

function SkuForm({ editing, onCancel, onSaved }: { editing: Exclude<Editing, null>; onCancel(): void; onSaved(sku: string): void }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [draft, setDraft] = useState<SkuDraft>(() =>
    editing.mode === 'edit' ? draftOfEntry(editing.entry) : { ...emptySkuDraft(), sku: editing.sku ?? '' },
  );
  const [errors, setErrors] = useState<FieldErrors<SkuField>>({});
  const problem = useFormProblem();
  const [busy, setBusy] = useState(false);
  const countryName = useMemo(() => {
    const names = new Intl.DisplayNames([localeOf(i18n.language)], { type: 'region' });
    return (code: string, fallback: string) => names.of(code) ?? fallback;
  }, [i18n.language]);

  const set = (key: SkuField | 'weightUnit') => (v: string) => setDraft((d) => ({ ...d, [key]: v }));
  const showErrors = (found: FieldErrors<SkuField>) => {
    setErrors(found);
    problem.show(t('packSetup.fixErrors', { count: Object.keys(found).length }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    problem.clear();
    const checked = entryOfDraft(draft, t);
    if (!checked.entry) return showErrors(checked.errors);
    const entry = checked.entry;
    const previous = editing.mode === 'edit' ? editing.entry.sku : undefined;
    setBusy(true);
    try {
      // A new SKU (or a renamed one) must not silently replace another row.
      if (entry.sku !== previous) {
        const clash = await station.skusList({ search: entry.sku, offset: 0, limit: ORDER_PAGE_MAX });
        if (clash.ok && clash.value.items.some((i) => i.sku === entry.sku))
          return showErrors({ sku: t('catalogue.errors.skuTaken', { sku: entry.sku }) });
      }
      const r = await station.skusSave({ entry, ...(previous !== undefined ? { previousSku: previous } : {}) });
      if (!r.ok) {
        const placed: FieldErrors<SkuField> = {};
        for (const f of r.error.fields ?? []) {
          const field = formFieldOf(f.field);
          if (field) placed[field] = f.message;
        }
        setErrors(placed);
        problem.show(r.error.message);
        return;
      }
      onSaved(r.value.sku);
    } finally {
      setBusy(false);
    }
  };

  const title = editing.mode === 'edit' ? t('catalogue.editTitle', { sku: editing.entry.sku }) : t('catalogue.addTitle');
  return (
    <SetupForm
      form={problem.form}
      className="box setup-form"
      titleId="sku-form-title"
      title={title}
      problem={problem.problem}
      busy={busy}
      testId="sku-form"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="setup-grid">
        <InputField
          id="sku-sku"
          label={t('catalogue.fields.sku')}
          value={draft.sku}
          onValue={set('sku')}
          error={errors.sku}
          autoFocus
          maxLength={100}
          translate="no"
        />
        <InputField
          id="sku-descriptionEn"
          label={t('catalogue.fields.descriptionEn')}
          value={draft.descriptionEn}
          onValue={set('descriptionEn')}
          error={errors.descriptionEn}
          maxLength={200}
          lang="en"
          className="span-2"
        />
        <InputField
          id="sku-descriptionLocal"
          label={t('catalogue.fields.descriptionLocal')}
          value={draft.descriptionLocal}
          onValue={set('descriptionLocal')}
          maxLength={200}
          className="span-2"
        />
        <InputField
          id="sku-unitWeight"
          label={t('catalogue.fields.unitWeight')}
          hint={t('catalogue.hints.unitWeight')}
          value={draft.unitWeight}
          onValue={set('unitWeight')}
          error={errors.unitWeight}
          inputMode="decimal"
        />
        <SelectInput
          id="sku-weightUnit"
          label={t('catalogue.fields.weightUnit')}
          value={draft.weightUnit}
          onValue={(v) => isWeightUnit(v) && setDraft((d) => ({ ...d, weightUnit: v }))}
        >
          {WEIGHT_UNITS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </SelectInput>
        <InputField
          id="sku-unitValue"
          label={t('catalogue.fields.unitValue')}
          hint={t('catalogue.hints.unitValue')}
          value={draft.unitValue}
          onValue={set('unitValue')}
          error={errors.unitValue}
          inputMode="decimal"
        />
        <InputField
          id="sku-currency"
          label={t('catalogue.fields.currency')}
          value={draft.currency}
          onValue={(v) => set('currency')(v.toUpperCase())}
          error={errors.currency}
          maxLength={3}
          translate="no"
        />
        <InputField
          id="sku-hsCode"
          label={t('catalogue.fields.hsCode')}
          hint={t('catalogue.hints.hsCode')}
          value={draft.hsCode}
          onValue={set('hsCode')}
          error={errors.hsCode}
          maxLength={20}
          translate="no"
        />
        <SelectInput
          id="sku-originCountry"
          label={t('catalogue.fields.originCountry')}
          value={draft.originCountry}
          onValue={set('originCountry')}
          error={errors.originCountry}
        >
          <option value="">—</option>
          {COUNTRIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} · {countryName(c.code, c.name)}
            </option>
          ))}
        </SelectInput>
      </div>
    </SetupForm>
  );
}
