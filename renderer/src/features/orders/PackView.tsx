import { ReprintButton } from '../audit/ReprintButton';
import { AuditTrail } from '../audit/AuditTrail';
import type { ReprintReason } from '../../../../shared/domain/audit';
import { useCallback, useContext, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { EnglishText } from '../../lib/english-text';
import { useTranslation } from 'react-i18next';
import type { OrderDetail, OrderEdits, ShipGap } from '../../../../shared/domain/order-desk';
import type { SavedBox } from '../../../../shared/domain/packing';
import type { StationCommand } from '../../../../shared/scan/commands';
import type { StationError } from '../../../../shared/result';
import { useStation } from '../../lib/station-context';
import { CourierText } from '../../lib/courier-text';
import { useScanToast } from '../scan/ScanToast';
import { OrderStatusBadge } from './OrderStatusBadge';
import { fieldName } from './field-names';
import { LineWeight, lineWeightId } from '../pack-setup/LineWeight';
import { WeightSourceContext, type UseWeightSource } from './weight-source';
import { ScaleReadingLedger } from '../scale/reading-ledger';
import { useTakeScaleWeight } from '../scale/use-take-scale-weight';
import { scaleConnection } from '../scale/use-scale';
import './orders.css';

/** What the scan box may ask of the open pack screen: a command barcode, a scanned box. */
export interface PackHandle {
  command(command: StationCommand): void;
  chooseBox(box: SavedBox): void;
}

/** The heaviest parcel a typed weight may claim (the contract's own limit). */
const MAX_WEIGHT_KG = 1000;

/** The recipient fields the packer may correct here, with the order field (edit path) each one sets. */
const EDIT_FIELDS = [
  ['firstName', 'shipTo.contact.firstName'],
  ['lastName', 'shipTo.contact.lastName'],
  ['company', 'shipTo.company'],
  ['phone', 'shipTo.contact.phone'],
  ['email', 'shipTo.contact.email'],
  ['street1', 'shipTo.address.streetLines'],
  ['street2', 'shipTo.address.streetLines'],
  ['city', 'shipTo.address.city'],
  ['state', 'shipTo.address.state'],
  ['postalCode', 'shipTo.address.postalCode'],
  ['countryCode', 'shipTo.address.countryCode'],
  ['notes', 'notes'],
] as const;
type EditKey = (typeof EDIT_FIELDS)[number][0];
type Draft = Record<EditKey, string>;

const editId = (key: EditKey) => `pack-edit-${key}`;
export const BOX_FIELD_ID = 'pack-box';
export const WEIGHT_FIELD_ID = 'pack-weight';

function draftOf(d: OrderDetail): Draft {
  const s = d.order.shipTo;
  return {
    firstName: s.contact.firstName,
    lastName: s.contact.lastName,
    company: s.company,
    phone: s.contact.phone,
    email: s.contact.email,
    street1: s.address.streetLines[0] ?? '',
    street2: s.address.streetLines.slice(1).join(' '),
    city: s.address.city,
    state: s.address.state,
    postalCode: s.address.postalCode,
    countryCode: s.address.countryCode,
    notes: d.order.notes,
  };
}

/** Only what the packer changed becomes an edit (an untouched field keeps following the file). */
function editsOf(before: Draft, after: Draft): OrderEdits {
  const edits: Record<string, unknown> = {};
  for (const [key, path] of EDIT_FIELDS) {
    if (path === 'shipTo.address.streetLines') continue;
    if (after[key] !== before[key]) edits[path] = after[key];
  }
  if (after.street1 !== before.street1 || after.street2 !== before.street2) {
    edits['shipTo.address.streetLines'] = [after.street1, after.street2].map((l) => l.trim()).filter((l) => l !== '');
  }
  return edits as OrderEdits;
}

/** The control a missing field is fixed in, on this screen (null: fixed elsewhere, e.g. the station's set-up). */
function controlFor(field: string): { id: string; edit: boolean } | null {
  if (field === 'box') return { id: BOX_FIELD_ID, edit: false };
  if (field === 'weightKg') return { id: WEIGHT_FIELD_ID, edit: false };
  const line = /^lines\.(\d+)\./.exec(field);
  // A missing unit weight is typed on its line (saved in the catalogue); other line gaps are fixed in the catalogue.
  if (line && field.endsWith('.unitWeightKg')) return { id: lineWeightId(Number(line[1])), edit: false };
  if (line) return { id: `pack-line-${line[1]}`, edit: false };
  if (field === 'shipTo.address' || field.startsWith('shipTo.address.streetLines')) return { id: editId('street1'), edit: true };
  const hit = EDIT_FIELDS.find(([, path]) => path === field);
  return hit ? { id: editId(hit[0]), edit: true } : null;
}

function parseKg(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n > 0 && n <= MAX_WEIGHT_KG ? n : null;
}

export interface PackViewProps {
  /** The order on the bench; null: waiting for a scan. */
  id: string | null;
  /** Changes each time a scan asks for this order's label now (ship on scan, a second scan, SHIP). */
  shipRequest?: number;
  handleRef?: Ref<PackHandle>;
  onOpenShipment(id: string): void;
  onBack(): void;
  /** NEXT or CANCEL: the bench is free for the next scan. */
  onDone(): void;
  onCommandSheet(): void;
  /** Opens the SKU catalogue to add this SKU (a line whose SKU is not there); absent: only named. */
  onAddSku?: (sku: string) => void;
  /** The scale's state; by default the app's (see ./weight-source.ts). */
  useWeightSource?: UseWeightSource;
}

export function PackView(props: PackViewProps) {
  const { t } = useTranslation();
  // One memory of the reading the last label took, across orders: the app's scale keeps its own (it sees every
  // state, even between orders); a scale given here (tests, another source) gets one for this screen.
  const [ledger] = useState(() => (props.useWeightSource ? new ScaleReadingLedger() : scaleConnection().ledger));
  if (props.id === null) {
    return (
      <section aria-labelledby="pack-title" className="pack">
        <h2 id="pack-title" className="view-title">
          {t('pack.title')}
        </h2>
        <p className="empty" data-testid="pack-idle">
          {t('pack.idle')}
        </p>
        <div className="actions">
          <button type="button" className="button button-quiet" onClick={props.onBack}>
            {t('pack.back')}
          </button>
          <button type="button" className="button button-quiet" onClick={props.onCommandSheet}>
            {t('pack.commandSheet')}
          </button>
        </div>
      </section>
    );
  }
  return <PackOrder key={props.id} {...props} id={props.id} ledger={ledger} />;
}

function PackOrder({
  id,
  shipRequest = 0,
  handleRef,
  onOpenShipment,
  onBack,
  onDone,
  useWeightSource,
  onAddSku,
  ledger,
}: PackViewProps & { id: string; ledger: ScaleReadingLedger }) {
  const { t } = useTranslation();
  const station = useStation();
  const toast = useScanToast();
  const fromContext = useContext(WeightSourceContext);
  const [useScale] = useState<UseWeightSource>(() => useWeightSource ?? fromContext);
  const scale = useScale();
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [loadError, setLoadError] = useState<StationError | null>(null);
  const [boxes, setBoxes] = useState<SavedBox[]>([]);
  const [weightText, setWeightText] = useState<string | null>(null);
  const [shipping, setShipping] = useState(false);
  const [shipError, setShipError] = useState<StationError | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editError, setEditError] = useState<StationError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);

  const detailRef = useRef<OrderDetail | null>(null);

  /** Opens the recipient form (from the order as it is now) when a field to fix is in it; the field gets the focus after render. */
  const focusField = useCallback((field: string, from: OrderDetail | null = detailRef.current) => {
    const control = controlFor(field);
    if (!control) return false;
    if (control.edit) {
      setEditing(true);
      setDraft((d) => d ?? (from ? draftOf(from) : null));
    }
    pendingFocus.current = control.id;
    const el = document.getElementById(control.id);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
    return true;
  }, []);

  const load = useCallback(
    () =>
      station.ordersGet({ id }).then((r) => {
        if (!r.ok) {
          setLoadError(r.error);
          return null;
        }
        const first = detailRef.current === null;
        detailRef.current = r.value;
        setLoadError(null);
        setDetail(r.value);
        // An order that is not ready opens with its first missing field focused.
        if (first && r.value.shipmentId === null && r.value.status !== 'closed') {
          for (const gap of r.value.missing) if (focusField(gap.field, r.value)) break;
        }
        return r.value;
      }),
    [station, id, focusField],
  );

  useEffect(() => {
    void load();
    void station.boxesList().then((r) => r.ok && setBoxes(r.value));
    return station.subscribe((e) => {
      if (e.type === 'orders:changed' && e.payload.ids.includes(id)) void load();
    });
  }, [station, id, load]);

  const labelledNow = detail !== null && detail.shipmentId !== null;
  // The scale's weight for this parcel: a stable, non-zero reading the scale has come to since the last label
  // (the previous order's parcel still on the platter is not this one's), locked once the label is being bought.
  const [scaleKg, setScaleKg] = useState<number | null>(null);
  useTakeScaleWeight(scale, { listening: weightText === null, locked: shipping || labelledNow, take: setScaleKg, ledger });
  // Typed here now > the scale's weight for this parcel > computed (or typed before) as the station planned it.
  const typedKg = weightText === null ? null : parseKg(weightText);
  const weight: { kg: number; from: 'manual' | 'scale' } | null =
    typedKg !== null ? { kg: typedKg, from: 'manual' } : scaleKg !== null && weightText === null ? { kg: scaleKg, from: 'scale' } : null;
  // The label takes the weight of the moment it is asked for (a scale reading settles between renders).
  const weightNow = useRef(weight);
  useEffect(() => {
    weightNow.current = weight;
  });
  const missing: ShipGap[] = (detail?.missing ?? []).filter((m) => !(weight && m.field === 'weightKg'));
  const labelled = detail !== null && detail.shipmentId !== null;
  const status = detail?.status;
  const canShip = detail !== null && !labelled && status !== 'closed' && status !== 'cancelled-after-labelling';

  // A field asked for before its form was open gets the focus once it renders.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const el = document.getElementById(pendingFocus.current);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  const ship = useCallback(
    async (printLater = false) => {
      if (!detail || shipping) return;
      if (detail.shipmentId !== null) {
        toast.show({ tone: 'error', text: t('pack.alreadyLabelled', { order: detail.orderNumber }) });
        return;
      }
      setShipping(true);
      setShipError(null);
      setNotice(null);
      const weight = weightNow.current;
      try {
        const r = await station.ordersShip({
          id,
          ...(weight ? { weightKg: weight.kg, weightFrom: weight.from } : {}),
          ...(printLater ? { confirm: { duplicateOrder: false, printLater: true } } : {}),
        });
        if (!r.ok) {
          setShipError(r.error);
          toast.show({ tone: 'error', text: <EnglishText>{r.error.message}</EnglishText> });
          if (r.error.code === 'NOT_READY') {
            const fresh = await load();
            const first = r.error.fields?.find((f) => controlFor(f.field)) ?? fresh?.missing.find((m) => controlFor(m.field));
            if (first) focusField(first.field);
          } else if (r.error.code === 'CONFLICT') {
            await load();
          }
          return;
        }
        const { label, order } = r.value;
        await load();
        if (label.error) {
          setShipError(label.error);
          toast.show({ tone: 'error', text: label.error.message });
          return;
        }
        const text =
          order.status === 'printed'
            ? t('pack.printed', { order: order.orderNumber })
            : t('pack.shipped', { order: order.orderNumber, tracking: label.trackingNumber ?? '' });
        setNotice(text);
        toast.show({ tone: 'ok', text });
      } finally {
        setShipping(false);
      }
    },
    [detail, shipping, station, id, toast, t, load, focusField],
  );

  /** `rescan`: the REPRINT barcode (nobody is asked); a button asks the packer why first (ReprintButton). */
  const reprint = useCallback(
    async (reason: ReprintReason) => {
      if (!detail) return;
      if (!detail.shipmentId) {
        toast.show({ tone: 'error', text: t('pack.noLabelToReprint', { order: detail.orderNumber }) });
        return;
      }
      const r = await station.labelsReprint({ shipmentId: detail.shipmentId, reason });
      toast.show(
        r.ok
          ? { tone: 'ok', text: t('pack.reprinted', { order: detail.orderNumber }) }
          : { tone: 'error', text: <EnglishText>{r.error.message}</EnglishText> },
      );
    },
    [detail, station, toast, t],
  );

  const chooseBox = useCallback(
    async (boxId: string | null) => {
      const r = await station.ordersUpdate({ id, boxId });
      if (r.ok) setDetail(r.value);
      else toast.show({ tone: 'error', text: <EnglishText>{r.error.message}</EnglishText> });
      return r.ok;
    },
    [station, id, toast],
  );

  // A scan asked for the label (ship on scan, a second scan): once the order is here.
  const handledShip = useRef(0);
  useEffect(() => {
    if (!detail || shipRequest === 0 || handledShip.current === shipRequest) return;
    handledShip.current = shipRequest;
    void ship();
  }, [detail, shipRequest, ship]);

  const latest = useRef({ ship, reprint, chooseBox, onDone, t, toast });
  useEffect(() => {
    latest.current = { ship, reprint, chooseBox, onDone, t, toast };
  });
  useImperativeHandle(
    handleRef,
    () => ({
      command(command) {
        const now = latest.current;
        if (command === 'ship') void now.ship();
        else if (command === 'reprint') void now.reprint('rescan');
        else {
          now.toast.show({ tone: 'ok', text: now.t('pack.cleared') });
          now.onDone();
        }
      },
      chooseBox(box) {
        void latest.current
          .chooseBox(box.id)
          .then((done) => done && latest.current.toast.show({ tone: 'ok', text: latest.current.t('pack.boxChosen', { name: box.name }) }));
      },
    }),
    [],
  );

  // One key for the label: Ctrl+Enter (⌘+Enter on a Mac), wherever the focus is on this screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      void latest.current.ship();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const saveEdits = async () => {
    if (!detail || !draft) return;
    const edits = editsOf(draftOf(detail), draft);
    if (Object.keys(edits).length === 0) {
      setEditing(false);
      setDraft(null);
      return;
    }
    const r = await station.ordersUpdate({ id, edits });
    if (!r.ok) return setEditError(r.error);
    setEditError(null);
    setDetail(r.value);
    setEditing(false);
    setDraft(null);
    setNotice(t('pack.saved'));
    const first = r.value.missing.find((m) => controlFor(m.field));
    if (first) focusField(first.field);
  };

  const commitWeight = async () => {
    if (weightText === null) return;
    const kg = parseKg(weightText);
    if (kg === null || kg === detail?.weightKg) return;
    const r = await station.ordersUpdate({ id, weightKg: kg });
    if (r.ok) setDetail(r.value);
  };

  const resetWeight = async () => {
    setWeightText(null);
    const r = await station.ordersUpdate({ id, weightKg: null });
    if (r.ok) setDetail(r.value);
  };

  if (loadError) {
    return (
      <section aria-labelledby="pack-title" className="pack">
        <h2 id="pack-title" className="view-title">
          {t('pack.title')}
        </h2>
        <p className="error" role="alert">
          <CourierText text={loadError.message} />
        </p>
        <button type="button" className="button" onClick={onBack}>
          {t('pack.back')}
        </button>
      </section>
    );
  }
  if (!detail) {
    return (
      <section aria-labelledby="pack-title" className="pack">
        <h2 id="pack-title" className="view-title">
          {t('pack.title')}
        </h2>
        <p className="empty">{t('pack.loading')}</p>
      </section>
    );
  }

  const order = detail.order;
  const s = order.shipTo;
  const plan = detail.plan;
  const shownWeight = weightText ?? (weight ? String(weight.kg) : plan.weightKg !== null ? String(plan.weightKg) : '');
  const weightFrom = weight?.from ?? plan.weightFrom ?? 'none';
  const editedMark = (path: string) =>
    detail.editedFields.includes(path as never) ? <span className="hint"> ({t('pack.editedMark')})</span> : null;
  const defaultBox = plan.boxFrom === 'default' ? plan.box : null;

  return (
    <section aria-labelledby="pack-title" className="pack" data-testid="pack-order" data-order-id={id}>
      <div className="detail-head">
        <h2 id="pack-title" className="view-title">
          {t('pack.title')}{' '}
          <span translate="no" className="mono">
            {detail.orderNumber}
          </span>
        </h2>
        <OrderStatusBadge status={detail.status} />
        <button type="button" className="button button-quiet" onClick={onBack}>
          {t('pack.back')}
        </button>
      </div>

      {detail.status === 'cancelled-after-labelling' && (
        <p className="error-box" role="alert">
          {t('pack.doNotShip', { order: detail.orderNumber })}
        </p>
      )}
      {detail.status === 'closed' && <p className="notice">{t('pack.closed', { order: detail.orderNumber })}</p>}

      <div className="pack-columns">
        <div className="pack-main">
          <section className="box" aria-labelledby="pack-recipient">
            <h3 id="pack-recipient" className="box-head">
              {t('pack.recipient')}
            </h3>
            {!editing ? (
              <>
                <address className="pack-address" translate="no" data-testid="pack-recipient">
                  {[`${s.contact.firstName} ${s.contact.lastName}`.trim(), s.company, ...s.address.streetLines]
                    .filter((l) => l.trim() !== '')
                    .map((l, i) => (
                      <span key={i}>{l}</span>
                    ))}
                  <span>{[s.address.postalCode, s.address.city, s.address.state].filter((p) => p.trim() !== '').join(' ')}</span>
                  <span>{s.address.countryCode}</span>
                  {s.contact.phone && <span>{s.contact.phone}</span>}
                  {s.contact.email && <span>{s.contact.email}</span>}
                </address>
                {!labelled && (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      setDraft(draftOf(detail));
                      setEditing(true);
                    }}
                  >
                    {t('pack.edit')}
                  </button>
                )}
              </>
            ) : (
              draft && (
                <form
                  className="pack-edit"
                  aria-label={t('pack.editTitle')}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void saveEdits();
                  }}
                >
                  {EDIT_FIELDS.map(([key, path]) => {
                    const gap = missing.find((m) => controlFor(m.field)?.id === editId(key));
                    return (
                      <div className="field" key={key}>
                        <label htmlFor={editId(key)}>
                          {t(`pack.fields.${key}`)}
                          {key !== 'street2' && editedMark(path)}
                        </label>
                        {key === 'notes' ? (
                          <textarea id={editId(key)} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
                        ) : (
                          <input
                            id={editId(key)}
                            value={draft[key]}
                            autoComplete="off"
                            translate="no"
                            aria-invalid={gap ? true : undefined}
                            aria-describedby={gap ? `${editId(key)}-gap` : undefined}
                            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                          />
                        )}
                        {gap && (
                          <span className="field-error" id={`${editId(key)}-gap`}>
                            <CourierText text={gap.message} />
                          </span>
                        )}
                      </div>
                    );
                  })}
                  {editError && (
                    <p className="error" role="alert">
                      <CourierText text={editError.message} />
                      {editError.fields?.map((f) => (
                        <span key={f.field}>
                          {' '}
                          {fieldName(t, f.field)}: <CourierText text={f.message} />
                        </span>
                      ))}
                    </p>
                  )}
                  <div className="actions">
                    <button type="submit" className="button">
                      {t('pack.saveEdits')}
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => {
                        setEditing(false);
                        setDraft(null);
                        setEditError(null);
                      }}
                    >
                      {t('pack.cancelEdits')}
                    </button>
                  </div>
                </form>
              )
            )}
          </section>

          <section className="box" aria-labelledby="pack-lines">
            <h3 id="pack-lines" className="box-head">
              {t('pack.lines')}
            </h3>
            <table className="table" aria-label={t('pack.linesLabel', { order: detail.orderNumber })}>
              <thead>
                <tr>
                  <th scope="col">{t('pack.columns.sku')}</th>
                  <th scope="col">{t('pack.columns.name')}</th>
                  <th scope="col">{t('pack.columns.quantity')}</th>
                  <th scope="col">{t('pack.columns.weight')}</th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((line, i) => {
                  const fromCatalogue = plan.items.find((item) => item.sku === line.sku && line.sku !== '');
                  const unit = line.unitWeightKg ?? fromCatalogue?.unitWeightKg ?? null;
                  const gap = missing.some((m) => m.field.startsWith(`lines.${i}.`));
                  return (
                    <tr key={i} id={`pack-line-${i}`} tabIndex={-1} className={gap ? 'row-missing' : undefined} data-testid="pack-line">
                      <td translate="no" className="mono">
                        {line.sku || '—'}
                      </td>
                      <td translate="no">
                        {line.name}
                        {!line.requiresShipping && <span className="hint"> ({t('pack.noParcel')})</span>}
                      </td>
                      <td className="pack-qty">{line.quantity}</td>
                      <td>
                        {line.unitWeightKg !== null || !line.requiresShipping ? (
                          unit !== null ? (
                            `${unit} kg`
                          ) : (
                            '—'
                          )
                        ) : (
                          <LineWeight
                            line={i}
                            sku={line.sku}
                            unitKg={unit}
                            catalogued={line.sku !== '' && !missing.some((m) => m.field === `lines.${i}.sku`)}
                            editable={!labelled && status !== 'closed'}
                            {...(onAddSku ? { onAddSku } : {})}
                            onSaved={(text) => {
                              setNotice(text);
                              void load();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>

        <div className="pack-side">
          <section className="box">
            <div className="field">
              <label htmlFor={BOX_FIELD_ID}>{t('pack.box')}</label>
              <select
                id={BOX_FIELD_ID}
                value={detail.boxId ?? ''}
                disabled={labelled}
                onChange={(e) => void chooseBox(e.target.value === '' ? null : e.target.value)}
              >
                <option value="">{defaultBox ? t('pack.boxDefault', { name: defaultBox.name }) : t('pack.boxNone')}</option>
                {boxes.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={WEIGHT_FIELD_ID}>{t('pack.weight')}</label>
              <input
                id={WEIGHT_FIELD_ID}
                inputMode="decimal"
                autoComplete="off"
                value={shownWeight}
                disabled={labelled}
                aria-describedby="pack-weight-from"
                onChange={(e) => setWeightText(e.target.value)}
                onBlur={() => void commitWeight()}
              />
              <span className="hint" id="pack-weight-from" data-testid="pack-weight-from">
                {t(`pack.weightFrom.${weightFrom}`)}
                {scale.kind === 'settling' && ` · ${t('pack.scale.settling')}`}
                {scale.kind === 'weighed' &&
                  ` · ${t(scaleKg === null && !ledger.fresh(scale.kg) ? 'pack.scale.previous' : 'pack.scale.weighed', { kg: scale.kg })}`}
                {scale.kind !== 'disconnected' && scale.kind !== 'settling' && scale.kind !== 'weighed' && ` · ${t('pack.scale.other')}`}
              </span>
              {(weightText !== null || detail.weightKg !== null) && !labelled && (
                <button type="button" className="link-button" onClick={() => void resetWeight()}>
                  {t('pack.useComputed')}
                </button>
              )}
            </div>
            <dl className="facts">
              <dt>{t('pack.service')}</dt>
              <dd translate="no">{plan.courier && plan.productCode ? `${plan.courier} · ${plan.productCode}` : t('pack.noneYet')}</dd>
              <dt>{t('pack.shipFrom')}</dt>
              <dd translate="no">{plan.shipFrom?.name ?? t('pack.noneYet')}</dd>
            </dl>
          </section>

          {!labelled && (
            <section className="box" aria-labelledby="pack-missing" data-testid="pack-missing">
              <h3 id="pack-missing" className="box-head">
                {t('pack.missingTitle')}
              </h3>
              {missing.length === 0 ? (
                <p className="ok-text">{t('pack.nothingMissing')}</p>
              ) : (
                <ul className="missing-list">
                  {missing.map((gap) => (
                    <li key={gap.field} data-field={gap.field}>
                      {controlFor(gap.field) ? (
                        <button type="button" className="link-button" onClick={() => focusField(gap.field)}>
                          {fieldName(t, gap.field)}
                        </button>
                      ) : (
                        <strong>{fieldName(t, gap.field)}</strong>
                      )}
                      {': '}
                      <CourierText text={gap.message} /> <span className="hint">({t(`pack.fixWhere.${gap.fix}`)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}

          <section className="box" aria-labelledby="pack-label">
            <h3 id="pack-label" className="box-head">
              {t('pack.labelTitle')}
            </h3>
            {labelled ? (
              <>
                <p data-testid="pack-label-state">
                  {detail.trackingNumber && (
                    <span translate="no" className="tracking-big mono">
                      {detail.trackingNumber}
                    </span>
                  )}
                </p>
                {detail.status !== 'cancelled-after-labelling' && (
                  <p className="hint">{t('pack.alreadyLabelled', { order: detail.orderNumber })}</p>
                )}
                <div className="actions">
                  <button type="button" className="button" onClick={() => onOpenShipment(detail.shipmentId!)}>
                    {t('pack.openLabel')}
                  </button>
                  <ReprintButton label={t('pack.reprint')} onReprint={(reason) => void reprint(reason)} />
                </div>
              </>
            ) : (
              canShip && (
                <div className="actions">
                  <button type="button" className="button primary" data-testid="pack-ship" disabled={shipping} onClick={() => void ship()}>
                    {shipping ? t('pack.shipping') : t('pack.ship')}
                  </button>
                  {shipError?.code === 'PRINTER_NOT_READY' && (
                    <button type="button" className="button button-quiet" onClick={() => void ship(true)}>
                      {t('pack.printLater')}
                    </button>
                  )}
                </div>
              )
            )}
            {shipError && (
              <p className="error" role="alert" data-testid="pack-error">
                <CourierText text={shipError.message} />
              </p>
            )}
            <p role="status" className="live-empty">
              {notice}
            </p>
          </section>
          {/* Who imported, labelled, printed or voided this order, and why a label was printed again. */}
          <div className="box">
            <AuditTrail orderId={id} />
          </div>
        </div>
      </div>
    </section>
  );
}
