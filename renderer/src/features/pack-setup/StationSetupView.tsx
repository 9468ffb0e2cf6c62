import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isCountryCode } from '../../../../shared/domain/countries';
import { LABEL_FORMATS, labelSchemas, type LabelFormat } from '../../../../shared/domain/label-request';
import type { PackRule, SavedBox, ShipFromAddress, StationDefaults } from '../../../../shared/domain/packing';
import { IMPORT_POLICIES, type ImportPolicy } from '../../../../shared/domain/order-import';
import type { StationError } from '../../../../shared/result';
import { AlertText, CourierText } from '../../lib/courier-text';
import { languageOf } from '../../i18n';
import { useStation } from '../../lib/station-context';
import { useCatalog } from '../create-label/catalog';
import { ErrorsContext } from '../create-label/fields';
import {
  PARTY_PATHS,
  emptyDraft,
  emptyParty,
  partyFromSettings,
  partyPath,
  placeErrors,
  toRequestInput,
  type PartyDraft,
  type PlacedErrors,
} from '../create-label/form-model';
import { PartyFields } from '../create-label/PartyFields';
import { EditDeleteButtons, useDeleteConfirm } from './row-actions';
import { InputField, SelectInput, focusFirstError, parseNumberText } from './setup-fields';
import { SetupForm, useFormProblem } from './setup-form';

const NO_ERRORS: PlacedErrors = { at: new Map(), unplaced: [] };
const PARTY_PLACES = (Object.keys(PARTY_PATHS) as (keyof PartyDraft)[]).map((k) => partyPath('shipFrom', k));

/** Ship-from addresses, this station's defaults, and the courier rules, on one page. */
/** `active`: its tab is shown (the boxes are read again then: they are added on another tab). */
export function StationSetupView({ active = true }: { active?: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="station-setup-title" className="pack-setup-panel">
      <h3 id="station-setup-title" className="view-title">
        {t('stationSetup.title')}
      </h3>
      <ShipFromSection />
      <DefaultsSection active={active} />
    </section>
  );
}

// ---------------------------------------------------------------------------
// Ship-from addresses

type AddressEditing = { mode: 'add' } | { mode: 'edit'; address: ShipFromAddress } | null;

function ShipFromSection() {
  const { t } = useTranslation();
  const station = useStation();
  const [list, setList] = useState<ShipFromAddress[] | null>(null);
  const [editing, setEditing] = useState<AddressEditing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const confirmDelete = useDeleteConfirm(setNotice);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void station.shipFromList().then((r) => live && (r.ok ? setList(r.value) : setError(r.error)));
    return () => {
      live = false;
    };
  }, [station]);

  const makeDefault = async (a: ShipFromAddress) => {
    const r = await station.shipFromSave({ address: { id: a.id, name: a.name, party: a.party, makeDefault: true } });
    if (!r.ok) return setError(r.error);
    setList(r.value);
    setNotice(t('stationSetup.addressSaved', { name: a.name }));
  };

  const remove = async (a: ShipFromAddress) => {
    const r = await station.shipFromDelete({ id: a.id });
    if (!r.ok) return setError(r.error);
    setList(r.value);
    setNotice(t('stationSetup.addressDeleted', { name: a.name }));
    addButton.current?.focus();
  };

  return (
    <section className="box" aria-labelledby="ship-from-title" data-testid="ship-from-section">
      <h4 id="ship-from-title" className="box-head">
        {t('stationSetup.shipFromTitle')}
      </h4>
      <p className="hint">{t('stationSetup.shipFromIntro')}</p>
      <p role="status" className="live-empty">
        {notice}
      </p>
      <AlertText text={error?.message} />
      {list && list.length === 0 && <p className="warn-text">{t('stationSetup.shipFromEmpty')}</p>}
      {list && list.length > 0 && (
        <ul className="plain-list setup-addresses">
          {list.map((a) => (
            <li key={a.id} data-testid="ship-from-row">
              <div>
                <strong translate="no">{a.name}</strong>
                {a.isDefault && <span className="badge setup-badge">{t('stationSetup.isDefault')}</span>}
                <div translate="no" className="hint">
                  {[
                    [a.party.contact.firstName, a.party.contact.lastName].join(' ').trim(),
                    ...a.party.address.streetLines,
                    a.party.address.postalCode,
                    a.party.address.city,
                    a.party.address.countryCode,
                  ]
                    .filter((p) => p && p.trim() !== '')
                    .join(', ')}
                </div>
              </div>
              <div className="row-actions">
                {!a.isDefault && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${t('stationSetup.setDefault')}: ${a.name}`}
                    onClick={() => void makeDefault(a)}
                  >
                    {t('stationSetup.setDefault')}
                  </button>
                )}
                <EditDeleteButtons
                  rowKey={a.id}
                  name={a.name}
                  confirm={confirmDelete}
                  onEdit={() => setEditing({ mode: 'edit', address: a })}
                  onDelete={() => remove(a)}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <AddressForm
          key={editing.mode === 'edit' ? editing.address.id : '\u0000new'}
          editing={editing}
          first={list?.length === 0}
          onCancel={() => {
            setEditing(null);
            addButton.current?.focus();
          }}
          onSaved={(next, name) => {
            setList(next);
            setEditing(null);
            setNotice(t('stationSetup.addressSaved', { name }));
            addButton.current?.focus();
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" className="button" ref={addButton} onClick={() => setEditing({ mode: 'add' })}>
            {t('stationSetup.addAddress')}
          </button>
        </div>
      )}
    </section>
  );
}

function AddressForm({
  editing,
  first,
  onCancel,
  onSaved,
}: {
  editing: Exclude<AddressEditing, null>;
  first: boolean;
  onCancel(): void;
  onSaved(list: ShipFromAddress[], name: string): void;
}) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [name, setName] = useState(editing.mode === 'edit' ? editing.address.name : '');
  const [party, setParty] = useState<PartyDraft>(editing.mode === 'edit' ? partyFromSettings(editing.address.party) : emptyParty());
  const [makeDefault, setMakeDefault] = useState(editing.mode === 'edit' ? editing.address.isDefault : first);
  const [nameError, setNameError] = useState<string | undefined>();
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const problem = useFormProblem();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = toRequestInput(emptyDraft(party)).shipment.shipFrom;
    const parsed = labelSchemas(languageOf(i18n.language)).PartySchema.safeParse(value);
    const fields = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ field: `shipment.shipFrom.${i.path.join('.')}`, message: i.message }));
    const badName = name.trim() === '' || name.trim().length > 60 ? t('stationSetup.errors.addressName') : undefined;
    if (fields.length > 0 || badName) {
      setNameError(badName);
      setErrors(placeErrors(fields, PARTY_PLACES));
      problem.show(t('packSetup.fixErrors', { count: fields.length + (badName ? 1 : 0) }));
      return;
    }
    const r = await station.shipFromSave({
      address: { ...(editing.mode === 'edit' ? { id: editing.address.id } : {}), name: name.trim(), party: value, makeDefault },
    });
    if (!r.ok) {
      const placed = (r.error.fields ?? []).map((f) => ({
        field: f.field.includes('party.') ? `shipment.shipFrom.${f.field.slice(f.field.indexOf('party.') + 6)}` : f.field,
        message: f.message,
      }));
      setNameError(placed.find((f) => f.field.endsWith('name'))?.message);
      setErrors(placeErrors(placed, PARTY_PLACES));
      problem.show(r.error.message);
      return;
    }
    onSaved(r.value, name.trim());
  };

  return (
    <ErrorsContext.Provider value={errors}>
      <SetupForm
        form={problem.form}
        className="setup-form"
        titleId="address-form-title"
        heading="h5"
        title={editing.mode === 'edit' ? t('stationSetup.editTitle', { name: editing.address.name }) : t('stationSetup.addTitle')}
        problem={problem.problem}
        testId="address-form"
        onSubmit={submit}
        onCancel={onCancel}
      >
        {errors.unplaced.length > 0 && (
          <ul className="error">
            {errors.unplaced.map((u) => (
              <li key={u.field}>
                <CourierText text={u.message} />
              </li>
            ))}
          </ul>
        )}
        <div className="setup-grid">
          <InputField
            id="address-name"
            label={t('stationSetup.addressName')}
            hint={t('stationSetup.addressNameHint')}
            value={name}
            onValue={setName}
            error={nameError}
            maxLength={60}
            autoFocus
          />
          <label className="field check">
            <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
            <span>{t('stationSetup.makeDefault')}</span>
          </label>
        </div>
        <PartyFields party="shipFrom" value={party} onChange={(key, v) => setParty((p) => ({ ...p, [key]: v }))} />
      </SetupForm>
    </ErrorsContext.Provider>
  );
}

// ---------------------------------------------------------------------------
// Defaults and rules

interface RuleDraft {
  countries: string;
  minWeight: string;
  maxWeight: string;
  courier: string;
  productCode: string;
}
type RuleErrors = Partial<Record<keyof RuleDraft, string>>;

const ruleDraftOf = (r: PackRule): RuleDraft => ({
  countries: r.countries.join(', '),
  minWeight: r.minWeightKg === null ? '' : String(r.minWeightKg),
  maxWeight: r.maxWeightKg === null ? '' : String(r.maxWeightKg),
  courier: r.courier,
  productCode: r.productCode,
});

function DefaultsSection({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const station = useStation();
  const [saved, setSaved] = useState<StationDefaults | null>(null);
  const [boxes, setBoxes] = useState<SavedBox[]>([]);
  const [courier, setCourier] = useState('');
  const [productCode, setProductCode] = useState('');
  const [labelFormat, setLabelFormat] = useState<LabelFormat>('PDF');
  const [boxId, setBoxId] = useState('');
  const [shipOnScan, setShipOnScan] = useState(false);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [watch, setWatch] = useState(false);
  const [watchFolder, setWatchFolder] = useState('');
  const [watchPreset, setWatchPreset] = useState('');
  const [importPolicy, setImportPolicy] = useState<ImportPolicy>('import-good-rows');
  const [presetNames, setPresetNames] = useState<string[]>([]);
  const [folderError, setFolderError] = useState<string | undefined>();
  const [ruleErrors, setRuleErrors] = useState<RuleErrors[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rulesBox = useRef<HTMLFieldSetElement>(null);

  const adopt = (d: StationDefaults) => {
    setSaved(d);
    setCourier(d.courier);
    setProductCode(d.productCode);
    setLabelFormat(d.labelFormat);
    setBoxId(d.boxId ?? '');
    setShipOnScan(d.shipOnScan);
    setRules(d.rules.map(ruleDraftOf));
    setRuleErrors([]);
    setWatch(d.watchedFolder !== null);
    setWatchFolder(d.watchedFolder ?? '');
    setWatchPreset(d.watchedFolderPreset ?? '');
    setImportPolicy(d.importPolicy);
    setFolderError(undefined);
  };

  useEffect(() => {
    let live = true;
    void station.stationDefaultsGet().then((r) => live && (r.ok ? adopt(r.value) : setError(r.error.message)));
    return () => {
      live = false;
    };
  }, [station]);

  useEffect(() => {
    if (!active) return;
    let live = true;
    void station.boxesList().then((r) => live && r.ok && setBoxes(r.value));
    void station
      .orderPresetsList()
      .then((r) => live && r.ok && setPresetNames(r.value.filter((p) => !p.builtIn).map((p) => p.preset.name)));
    return () => {
      live = false;
    };
  }, [station, active]);

  const checkRules = (): { rules: PackRule[] | null; errors: RuleErrors[] } => {
    const errors: RuleErrors[] = [];
    const out: PackRule[] = [];
    rules.forEach((r, i) => {
      const e: RuleErrors = {};
      const codes = r.countries
        .split(/[\s,;、，]+/)
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== '');
      const unknown = codes.filter((c) => !isCountryCode(c));
      if (unknown.length > 0) e.countries = t('stationSetup.errors.countries', { codes: unknown.join(', ') });
      const min = parseNumberText(r.minWeight);
      const max = parseNumberText(r.maxWeight);
      if (min !== null && !(min >= 0)) e.minWeight = t('stationSetup.errors.weight');
      if (max !== null && !(max > 0)) e.maxWeight = t('stationSetup.errors.weight');
      if (!e.minWeight && !e.maxWeight && min !== null && max !== null && !(min < max)) e.maxWeight = t('stationSetup.errors.weightOrder');
      if (r.courier.trim() === '') e.courier = t('stationSetup.errors.courier');
      if (r.productCode.trim() === '') e.productCode = t('stationSetup.errors.product');
      errors[i] = e;
      out.push({
        countries: [...new Set(codes)],
        minWeightKg: min,
        maxWeightKg: max,
        courier: r.courier.trim(),
        productCode: r.productCode.trim(),
      });
    });
    return { rules: errors.some((e) => Object.keys(e).length > 0) ? null : out, errors };
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    const checked = checkRules();
    setRuleErrors(checked.errors);
    const badFolder = watch && watchFolder.trim() === '' ? t('stationSetup.errors.watchFolder') : undefined;
    setFolderError(badFolder);
    if (!checked.rules || badFolder) {
      const count = checked.errors.reduce((n, x) => n + Object.keys(x).length, 0) + (badFolder ? 1 : 0);
      setError(t('packSetup.fixErrors', { count }));
      setTimeout(() => focusFirstError(rulesBox.current?.closest('form') ?? null), 0);
      return;
    }
    const r = await station.stationDefaultsUpdate({
      courier: courier.trim(),
      productCode: productCode.trim(),
      labelFormat,
      boxId: boxId === '' ? null : boxId,
      shipOnScan,
      rules: checked.rules,
      watchedFolder: watch ? watchFolder.trim() : null,
      watchedFolderPreset: watch && watchPreset !== '' ? watchPreset : null,
      importPolicy,
    });
    if (!r.ok) {
      // The station checks the folder itself (exists, writable): its words go under the field.
      const folder = r.error.fields?.find((f) => f.field === 'watchedFolder');
      if (folder) {
        setFolderError(folder.message);
        setTimeout(() => document.getElementById('defaults-folder')?.focus(), 0);
      }
      return setError(r.error.message);
    }
    adopt(r.value);
    setNotice(t('stationSetup.defaultsSaved'));
  };

  const setRule = (i: number, key: keyof RuleDraft, v: string) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const move = (i: number, by: -1 | 1) => {
    setRules((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });
    setRuleErrors([]);
    // The moved rule keeps the focus on its own button, now one row away.
    setTimeout(() => document.getElementById(`rule-${i + by}-${by < 0 ? 'up' : 'down'}`)?.focus(), 0);
  };

  if (!saved)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : (
      <p className="empty">{t('packSetup.loading')}</p>
    );
  return (
    <form className="box setup-form" aria-labelledby="defaults-title" noValidate onSubmit={(e) => void save(e)} data-testid="defaults-form">
      <h4 id="defaults-title" className="box-head">
        {t('stationSetup.defaultsTitle')}
      </h4>
      <p className="hint">{t('stationSetup.defaultsIntro')}</p>
      <div className="setup-grid">
        <ServicePicker idPrefix="defaults" courier={courier} productCode={productCode} onCourier={setCourier} onProduct={setProductCode} />
        <SelectInput
          id="defaults-format"
          label={t('stationSetup.labelFormat')}
          value={labelFormat}
          onValue={(v) => setLabelFormat(v as LabelFormat)}
        >
          {LABEL_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </SelectInput>
        <SelectInput id="defaults-box" label={t('stationSetup.defaultBox')} value={boxId} onValue={setBoxId}>
          <option value="">{t('stationSetup.noDefaultBox')}</option>
          {boxes.map((b) => (
            <option key={b.id} value={b.id} translate="no">
              {b.name}
            </option>
          ))}
        </SelectInput>
        <label className="field check span-2">
          <input type="checkbox" checked={shipOnScan} onChange={(e) => setShipOnScan(e.target.checked)} />
          <span>{t('stationSetup.shipOnScan')}</span>
        </label>
      </div>

      <fieldset className="setup-rules" ref={rulesBox} data-testid="rules">
        <legend>{t('stationSetup.rulesTitle')}</legend>
        <p className="hint">{t('stationSetup.rulesIntro')}</p>
        {rules.length === 0 && <p className="empty">{t('stationSetup.rulesEmpty')}</p>}
        {rules.length > 0 && (
          <ol className="plain-list" aria-label={t('stationSetup.rulesLabel')}>
            {rules.map((r, i) => {
              const n = i + 1;
              const e = ruleErrors[i] ?? {};
              return (
                <li key={i} className="setup-rule" data-testid="rule" aria-label={t('stationSetup.rule', { n })}>
                  <h5>{t('stationSetup.rule', { n })}</h5>
                  <div className="setup-grid">
                    <InputField
                      id={`rule-${i}-countries`}
                      label={t('stationSetup.countries')}
                      hint={t('stationSetup.countriesHint')}
                      value={r.countries}
                      onValue={(v) => setRule(i, 'countries', v)}
                      error={e.countries}
                      translate="no"
                      className="span-2"
                    />
                    <InputField
                      id={`rule-${i}-min`}
                      label={t('stationSetup.minWeight')}
                      value={r.minWeight}
                      onValue={(v) => setRule(i, 'minWeight', v)}
                      error={e.minWeight}
                      inputMode="decimal"
                    />
                    <InputField
                      id={`rule-${i}-max`}
                      label={t('stationSetup.maxWeight')}
                      value={r.maxWeight}
                      onValue={(v) => setRule(i, 'maxWeight', v)}
                      error={e.maxWeight}
                      inputMode="decimal"
                    />
                    <ServicePicker
                      idPrefix={`rule-${i}`}
                      courier={r.courier}
                      productCode={r.productCode}
                      onCourier={(v) => setRule(i, 'courier', v)}
                      onProduct={(v) => setRule(i, 'productCode', v)}
                      errors={e}
                    />
                  </div>
                  <div className="actions">
                    <button
                      type="button"
                      id={`rule-${i}-up`}
                      className="button small"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={t('stationSetup.moveUp', { n })}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      id={`rule-${i}-down`}
                      className="button small"
                      disabled={i === rules.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={t('stationSetup.moveDown', { n })}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button small button-quiet"
                      onClick={() => {
                        setRules((rs) => rs.filter((_, j) => j !== i));
                        setRuleErrors([]);
                      }}
                    >
                      {t('stationSetup.removeRule', { n })}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        <button
          type="button"
          className="button"
          onClick={() => {
            setRules((rs) => [...rs, { countries: '', minWeight: '', maxWeight: '', courier, productCode }]);
            setTimeout(() => document.getElementById(`rule-${rules.length}-countries`)?.focus(), 0);
          }}
        >
          {t('stationSetup.addRule')}
        </button>
      </fieldset>
      <fieldset className="setup-rules" data-testid="watched-folder">
        <legend>{t('stationSetup.watchTitle')}</legend>
        <p className="hint">{t('stationSetup.watchIntro')}</p>
        <label className="field check">
          <input type="checkbox" checked={watch} onChange={(e) => setWatch(e.target.checked)} />
          <span>{t('stationSetup.watch')}</span>
        </label>
        {watch && (
          <div className="setup-grid">
            <InputField
              id="defaults-folder"
              label={t('stationSetup.watchFolder')}
              hint={t('stationSetup.watchFolderHint')}
              value={watchFolder}
              onValue={setWatchFolder}
              error={folderError}
              translate="no"
              maxLength={1000}
              className="span-2"
            />
            <SelectInput id="defaults-watch-preset" label={t('stationSetup.watchPreset')} value={watchPreset} onValue={setWatchPreset}>
              <option value="">{t('stationSetup.watchPresetAuto')}</option>
              {presetNames.map((name) => (
                <option key={name} value={name} translate="no">
                  {name}
                </option>
              ))}
            </SelectInput>
          </div>
        )}
        <SelectInput
          id="defaults-policy"
          label={t('stationSetup.watchPolicy')}
          value={importPolicy}
          onValue={(v) => setImportPolicy(v as ImportPolicy)}
        >
          {IMPORT_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`importScreen.policies.${p}`)}
            </option>
          ))}
        </SelectInput>
      </fieldset>
      <p role="status" className="live-empty" data-testid="defaults-status">
        {notice}
      </p>
      <AlertText text={error} />
      <div className="actions">
        <button type="submit" className="button primary">
          {t('packSetup.save')}
        </button>
      </div>
    </form>
  );
}

/** Courier and product from the API's lists; typed codes when the lists cannot be had. */
function ServicePicker({
  idPrefix,
  courier,
  productCode,
  onCourier,
  onProduct,
  errors = {},
}: {
  idPrefix: string;
  courier: string;
  productCode: string;
  onCourier(v: string): void;
  onProduct(v: string): void;
  errors?: RuleErrors;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const couriers = useCatalog(station, 'couriers');
  const products = useCatalog(station, 'products', courier);
  const withCurrent = (entries: { code: string; name: string | null }[], current: string) =>
    current !== '' && !entries.some((e) => e.code === current) ? [{ code: current, name: null }, ...entries] : entries;
  return (
    <>
      {couriers.state === 'ready' && couriers.entries.length > 0 ? (
        <SelectInput
          id={`${idPrefix}-courier`}
          label={t('stationSetup.courier')}
          value={courier}
          onValue={onCourier}
          error={errors.courier}
        >
          <option value="">{t('stationSetup.chooseCourier')}</option>
          {withCurrent(couriers.entries, courier).map((c) => (
            <option key={c.code} value={c.code} translate="no">
              {c.name ? `${c.name} (${c.code})` : c.code}
            </option>
          ))}
        </SelectInput>
      ) : (
        <InputField
          id={`${idPrefix}-courier`}
          label={t('stationSetup.courier')}
          hint={couriers.state === 'failed' ? t('stationSetup.codeHint') : undefined}
          value={courier}
          onValue={onCourier}
          error={errors.courier}
          translate="no"
          maxLength={50}
        />
      )}
      {products.state === 'ready' && products.entries.length > 0 ? (
        <SelectInput
          id={`${idPrefix}-product`}
          label={t('stationSetup.product')}
          value={productCode}
          onValue={onProduct}
          error={errors.productCode}
        >
          <option value="">{t('stationSetup.chooseProduct')}</option>
          {withCurrent(products.entries, productCode).map((p) => (
            <option key={p.code} value={p.code} translate="no">
              {p.name ? `${p.name} (${p.code})` : p.code}
            </option>
          ))}
        </SelectInput>
      ) : (
        <InputField
          id={`${idPrefix}-product`}
          label={t('stationSetup.product')}
          hint={products.state === 'failed' ? t('stationSetup.codeHint') : undefined}
          value={productCode}
          onValue={onProduct}
          error={errors.productCode}
          translate="no"
          maxLength={50}
        />
      )}
    </>
  );
}
