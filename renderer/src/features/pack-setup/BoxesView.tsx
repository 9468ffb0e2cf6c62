import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_BARCODE_PREFIX } from '../../../../shared/domain/order-number';
import type { SavedBox } from '../../../../shared/domain/packing';
import type { StationError } from '../../../../shared/result';
import { AlertText } from '../../lib/courier-text';
import { useFormat } from '../../lib/format';
import { useStation } from '../../lib/station-context';
import { EditDeleteButtons, useDeleteConfirm } from './row-actions';
import { InputField, parseNumberText, type FieldErrors } from './setup-fields';
import { SetupForm, useFormProblem } from './setup-form';

type BoxField = 'name' | 'length' | 'width' | 'height' | 'tare' | 'barcode';
type BoxDraft = Record<BoxField, string>;
const EMPTY: BoxDraft = { name: '', length: '', width: '', height: '', tare: '', barcode: '' };

const draftOf = (b: SavedBox): BoxDraft => ({
  name: b.name,
  length: String(b.innerCm.length),
  width: String(b.innerCm.width),
  height: String(b.innerCm.height),
  tare: String(b.tareKg),
  barcode: b.barcode,
});

type Editing = { mode: 'add' } | { mode: 'edit'; box: SavedBox } | null;

/** `active`: its tab is shown (the station default box is read again then: it is chosen on another tab). */
export function BoxesView({ active = true }: { active?: boolean }) {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [boxes, setBoxes] = useState<SavedBox[] | null>(null);
  const [defaultBoxId, setDefaultBoxId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const confirmDelete = useDeleteConfirm(setNotice);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void station.boxesList().then((r) => {
      if (!live) return;
      if (r.ok) setBoxes(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [station]);

  useEffect(() => {
    if (!active) return;
    let live = true;
    void station.stationDefaultsGet().then((r) => live && r.ok && setDefaultBoxId(r.value.boxId));
    return () => {
      live = false;
    };
  }, [station, active]);

  const remove = async (box: SavedBox) => {
    const r = await station.boxesDelete({ id: box.id });
    if (!r.ok) return setError(r.error);
    setBoxes(r.value);
    if (defaultBoxId === box.id) setDefaultBoxId(null);
    setNotice(t('boxes.deleted', { name: box.name }));
    addButton.current?.focus();
  };

  return (
    <section aria-labelledby="boxes-title" className="pack-setup-panel">
      <h3 id="boxes-title" className="view-title">
        {t('boxes.title')}
      </h3>
      <p className="hint">{t('boxes.intro')}</p>
      <div className="toolbar">
        <button type="button" className="button" ref={addButton} onClick={() => setEditing({ mode: 'add' })}>
          {t('boxes.add')}
        </button>
      </div>
      <p role="status" className="live-empty" data-testid="boxes-status">
        {notice}
      </p>
      <AlertText text={error?.message} />
      {editing && boxes && (
        <BoxForm
          key={editing.mode === 'edit' ? editing.box.id : '\u0000new'}
          editing={editing}
          others={boxes.filter((b) => editing.mode === 'add' || b.id !== editing.box.id)}
          onCancel={() => {
            setEditing(null);
            addButton.current?.focus();
          }}
          onSaved={(list, name) => {
            setBoxes(list);
            setEditing(null);
            setNotice(t('boxes.saved', { name }));
            addButton.current?.focus();
          }}
        />
      )}
      {!boxes && !error && <p className="empty">{t('packSetup.loading')}</p>}
      {boxes && boxes.length === 0 && <p className="empty">{t('boxes.empty')}</p>}
      {boxes && boxes.length > 0 && (
        <div className="table-scroll">
          <table className="table stack-table" aria-label={t('boxes.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('boxes.columns.name')}</th>
                <th scope="col" className="num">
                  {t('boxes.columns.inner')}
                </th>
                <th scope="col" className="num">
                  {t('boxes.columns.tare')}
                </th>
                <th scope="col">{t('boxes.columns.barcode')}</th>
                <th scope="col">{t('boxes.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {boxes.map((b) => (
                <tr key={b.id} data-testid="box-row">
                  <th scope="row">
                    <span translate="no">{b.name}</span>
                    {b.id === defaultBoxId && <span className="badge setup-badge">{t('boxes.defaultBox')}</span>}
                  </th>
                  <td data-label={t('boxes.columns.inner')} className="num" translate="no">
                    {[b.innerCm.length, b.innerCm.width, b.innerCm.height].map((n) => fmt.number(n)).join(' × ')}
                  </td>
                  <td data-label={t('boxes.columns.tare')} className="num" translate="no">
                    {fmt.number(b.tareKg)}
                  </td>
                  <td data-label={t('boxes.columns.barcode')}>
                    {b.barcode ? (
                      <span translate="no" className="mono">
                        {b.barcode}
                      </span>
                    ) : (
                      <span className="muted">{t('boxes.noBarcode')}</span>
                    )}
                  </td>
                  <td data-label={t('boxes.columns.actions')} className="row-actions">
                    <EditDeleteButtons
                      rowKey={b.id}
                      name={b.name}
                      confirm={confirmDelete}
                      onEdit={() => setEditing({ mode: 'edit', box: b })}
                      onDelete={() => remove(b)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BoxForm({
  editing,
  others,
  onCancel,
  onSaved,
}: {
  editing: Exclude<Editing, null>;
  others: readonly SavedBox[];
  onCancel(): void;
  onSaved(boxes: SavedBox[], name: string): void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const [draft, setDraft] = useState<BoxDraft>(() => (editing.mode === 'edit' ? draftOf(editing.box) : EMPTY));
  const [errors, setErrors] = useState<FieldErrors<BoxField>>({});
  const problem = useFormProblem();
  const [busy, setBusy] = useState(false);
  const set = (key: BoxField) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));

  const check = (): FieldErrors<BoxField> => {
    const found: FieldErrors<BoxField> = {};
    const name = draft.name.trim();
    const barcode = draft.barcode.trim();
    if (name === '' || name.length > 60) found.name = t('boxes.errors.name');
    else {
      const same = others.find((b) => b.name.toLowerCase() === name.toLowerCase());
      if (same) found.name = t('boxes.errors.nameTaken', { name: same.name });
    }
    for (const key of ['length', 'width', 'height'] as const) {
      const n = parseNumberText(draft[key]);
      if (n === null || !(n > 0)) found[key] = t('boxes.errors.dimension');
    }
    const tare = parseNumberText(draft.tare);
    if (tare === null || !(tare >= 0)) found.tare = t('boxes.errors.tare');
    if (barcode.startsWith(COMMAND_BARCODE_PREFIX)) found.barcode = t('boxes.errors.barcodeCommand');
    else if (barcode !== '') {
      const same = others.find((b) => b.barcode !== '' && b.barcode.toUpperCase() === barcode.toUpperCase());
      if (same) found.barcode = t('boxes.errors.barcodeTaken', { name: same.name });
    }
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    if (Object.keys(found).length > 0) {
      setErrors(found);
      problem.show(t('packSetup.fixErrors', { count: Object.keys(found).length }));
      return;
    }
    setErrors({});
    problem.clear();
    setBusy(true);
    const name = draft.name.trim();
    const r = await station.boxesSave({
      box: {
        ...(editing.mode === 'edit' ? { id: editing.box.id } : {}),
        name,
        innerCm: { length: parseNumberText(draft.length)!, width: parseNumberText(draft.width)!, height: parseNumberText(draft.height)! },
        tareKg: parseNumberText(draft.tare)!,
        barcode: draft.barcode.trim(),
      },
    });
    setBusy(false);
    if (!r.ok) {
      const placed: FieldErrors<BoxField> = {};
      for (const f of r.error.fields ?? []) {
        const key = f.field
          .replace(/^box\./, '')
          .replace(/^innerCm\./, '')
          .replace(/^tareKg$/, 'tare');
        if (['name', 'length', 'width', 'height', 'tare', 'barcode'].includes(key)) placed[key as BoxField] = f.message;
      }
      setErrors(placed);
      problem.show(r.error.message);
      return;
    }
    onSaved(r.value, name);
  };

  return (
    <SetupForm
      form={problem.form}
      className="box setup-form"
      titleId="box-form-title"
      title={editing.mode === 'edit' ? t('boxes.editTitle', { name: editing.box.name }) : t('boxes.addTitle')}
      problem={problem.problem}
      busy={busy}
      testId="box-form"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="setup-grid">
        <InputField
          id="box-name"
          label={t('boxes.fields.name')}
          value={draft.name}
          onValue={set('name')}
          error={errors.name}
          maxLength={60}
          autoFocus
        />
        <InputField
          id="box-barcode"
          label={t('boxes.fields.barcode')}
          value={draft.barcode}
          onValue={set('barcode')}
          error={errors.barcode}
          maxLength={60}
          translate="no"
        />
        <InputField
          id="box-length"
          label={t('boxes.fields.length')}
          value={draft.length}
          onValue={set('length')}
          error={errors.length}
          inputMode="decimal"
        />
        <InputField
          id="box-width"
          label={t('boxes.fields.width')}
          value={draft.width}
          onValue={set('width')}
          error={errors.width}
          inputMode="decimal"
        />
        <InputField
          id="box-height"
          label={t('boxes.fields.height')}
          value={draft.height}
          onValue={set('height')}
          error={errors.height}
          inputMode="decimal"
        />
        <InputField
          id="box-tare"
          label={t('boxes.fields.tare')}
          value={draft.tare}
          onValue={set('tare')}
          error={errors.tare}
          inputMode="decimal"
        />
      </div>
    </SetupForm>
  );
}
