import { ReprintButton } from '../audit/ReprintButton';
import type { ReprintReason } from '../../../../shared/domain/audit';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LABEL_FORMATS, normaliseFieldPath, validateLabelRequest, type LabelFormat } from '../../../../shared/domain/label-request';
import type { Language } from '../../../../shared/domain/settings';
import type { LabelCreateResult } from '../../../../shared/domain/shipment-detail';
import type { ExistingLabel, StationError } from '../../../../shared/result';
import { useStation } from '../../lib/station-context';
import { useCatalog } from './catalog';
import { ErrorsContext, fieldId, SelectField, TextField } from './fields';
import {
  emptyDraft,
  FIELD_PATHS,
  itemPath,
  partyFromSettings,
  placeErrors,
  placesOf,
  templateOf,
  toRequestInput,
  type LabelDraft,
  type PartyDraft,
  type PartyKey,
  type PlacedErrors,
} from './form-model';
import { declaredValueAbove, DeclaredValueConfirm } from './DeclaredValueConfirm';
import { ParcelsFields } from './ParcelsFields';
import { PartyFields } from './PartyFields';
import { advance, initialSteps, stepsFromState, UI_STEPS, type Steps } from './progress';
import { loadTemplate, saveTemplate } from './template-store';
import { keepDraft, keptDraft } from './draft-keeper';
import { describePrinter, type PrinterWords } from '../printers/printer-status';
import { SetupChecklist } from '../setup/SetupChecklist';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';
import { readRejection } from '../../../../shared/domain/courier-rejections';

/** Label states the packer can correct and try again on the same shipment (courier rejection, the API's 400). */
const CORRECTABLE = new Set(['failed', 'invalid']);
import { useScale } from '../scale/use-scale';

const NO_ERRORS: PlacedErrors = { at: new Map(), unplaced: [] };
/** Failures a second attempt can fix without changing the form (the workflow reuses or renews the key as needed). */
const RETRYABLE = new Set([
  'COURIER_REJECTED',
  'NETWORK',
  'TIMEOUT',
  'UPSTREAM',
  'RATE_LIMITED',
  'UNAUTHORIZED',
  'INTERNAL',
  'DISK_FULL',
  'DATABASE_UNREACHABLE',
]);
const FAILURE_KEYS = [
  'UNAUTHORIZED',
  'NETWORK',
  'TIMEOUT',
  'COURIER_REJECTED',
  'PRINTER',
  'DOCUMENT',
  'RATE_LIMITED',
  'DISK_FULL',
  'READ_ONLY',
] as const;

/** The packer's say-so given so far for the label being bought (both questions may be asked, one after the other). */
type Confirm = { printLater?: true; duplicateOrder?: true };

type Phase =
  | { kind: 'editing'; notice: string | null }
  | { kind: 'submitting'; steps: Steps }
  /** The printer cannot print: nothing was bought; the packer chooses "buy now, print later" or not to buy. */
  | { kind: 'ask-print-later'; words: PrinterWords | null; message: string; confirm: Confirm }
  /** The order already has a label: nothing was bought; the packer chooses to buy another or not (the default). */
  | { kind: 'ask-duplicate'; existing: ExistingLabel; confirm: Confirm }
  | {
      kind: 'result';
      result: LabelCreateResult;
      steps: Steps;
      reprint: 'idle' | 'busy' | 'done' | StationError;
      /** Bought with "print later": kept unprinted on purpose. */
      printLater?: boolean;
    };

export function CreateLabelView({
  initialOrderNumber,
  onOpenShipment,
  onNavigate,
}: {
  initialOrderNumber?: string | undefined;
  onOpenShipment(id: string): void;
  /** Where the set-up checklist and the printer question send the packer (Settings, Printers). */
  onNavigate?: (view: 'settings' | 'printers') => void;
}) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  // A form for a scanned order number starts fresh; otherwise the draft the packer left (to look at a shipment) comes back.
  const [draft, setDraft] = useState<LabelDraft>(() =>
    initialOrderNumber ? emptyDraft(undefined, initialOrderNumber) : (keptDraft(station) ?? emptyDraft(undefined, '')),
  );
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  /**
   * The shipment whose label was refused: the next submit (Enter, Try again) sends what the form holds now as a
   * new attempt on that shipment, not as a new shipment.
   */
  const [retryOf, setRetryOf] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing', notice: null });
  /** A new form (next label, duplicate): the parcels' scale bookkeeping (which parcel was typed by hand) starts over; the scale's last reading stays used. */
  const [round, setRound] = useState(0);
  // Once a label is made from the draft it is not kept: coming back must not offer the same label again.
  // Nor is a draft the packer declined to buy a second label from (its label exists); an edit makes it theirs again.
  const [declined, setDeclined] = useState<LabelDraft | null>(null);
  const keep =
    (phase.kind === 'editing' && declined !== draft) ||
    phase.kind === 'ask-duplicate' ||
    phase.kind === 'ask-print-later' ||
    (phase.kind === 'result' && phase.result.error !== null);
  useEffect(() => keepDraft(station, keep ? draft : null), [station, draft, keep]);
  const [shipFromDefault, setShipFromDefault] = useState<PartyDraft | null>(null);
  const [confirmAbove, setConfirmAbove] = useState<number | null>(null);
  // The question belongs to the draft it was asked about: any edit puts it away.
  const [confirming, setConfirming] = useState<{ currency: string; value: number; draft: LabelDraft } | null>(null);
  const asking = confirming?.draft === draft ? confirming : null;
  const focusAfterErrors = useRef(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const watching = useRef<{ shipmentId: string | null } | null>(null);
  const stepsRef = useRef<Steps>(initialSteps());

  const couriers = useCatalog(station, 'couriers');
  const products = useCatalog(station, 'products', draft.courier);

  // Ship-from comes from Settings; a packer's edits to it on this form are not overwritten.
  useEffect(() => {
    let live = true;
    void station.settingsGet().then((r) => {
      if (!live || !r.ok) return;
      const party = partyFromSettings(r.value.shipFrom);
      setShipFromDefault(party);
      setConfirmAbove(r.value.declaredValueConfirmAbove);
      setDraft((d) => (Object.values(d.shipFrom).every((v) => v === '') ? { ...d, shipFrom: party } : d));
    });
    return () => {
      live = false;
    };
  }, [station]);

  // Progress events for the label being created. The form creates one at a time, so the first
  // shipment id seen while a create is in flight is ours.
  useEffect(
    () =>
      station.subscribe((e) => {
        if (e.type !== 'labels:progress' || !watching.current) return;
        if (watching.current.shipmentId === null) watching.current.shipmentId = e.payload.shipmentId;
        if (watching.current.shipmentId !== e.payload.shipmentId) return;
        stepsRef.current = advance(stepsRef.current, e.payload);
        const steps = stepsRef.current;
        setPhase((p) => (p.kind === 'submitting' ? { ...p, steps } : p));
      }),
    [station],
  );

  const places = useMemo(() => placesOf(draft), [draft]);

  // A layout effect: the focus moves in the render that shows the answer, not a task later, when it could
  // take back a focus the packer has already moved.
  useLayoutEffect(() => {
    if (!focusAfterErrors.current) return;
    focusAfterErrors.current = false;
    const first = places.find((p) => errors.at.has(p));
    if (first) document.getElementById(fieldId(first))?.focus();
    else resultRef.current?.focus();
  }, [errors, places]);

  useLayoutEffect(() => {
    if (phase.kind === 'result' && !phase.result.error) nextRef.current?.focus();
    else if (phase.kind === 'result') resultRef.current?.focus();
  }, [phase.kind, phase]);

  const showErrors = useCallback(
    (fields: readonly { field: string; message: string }[]) => {
      focusAfterErrors.current = true;
      setErrors(
        placeErrors(
          fields.map((f) => ({ field: normaliseFieldPath(f.field), message: f.message })),
          places,
        ),
      );
    },
    [places],
  );

  const duplicate = useCallback(() => {
    const template = loadTemplate();
    if (!template) {
      setPhase({ kind: 'editing', notice: t('create.duplicateNone') });
      return;
    }
    setDraft(templateOf(template));
    setRound((r) => r + 1);
    setRetryOf(null);
    setErrors(NO_ERRORS);
    setPhase({ kind: 'editing', notice: t('create.duplicated') });
    requestAnimationFrame(() => document.getElementById(fieldId('shipment.shipTo.contact.firstName'))?.focus());
  }, [t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        duplicate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [duplicate]);

  const finish = (result: LabelCreateResult, steps: Steps, printLater = false) => {
    watching.current = null;
    setRetryOf(result.shipmentId && CORRECTABLE.has(result.state) ? result.shipmentId : null);
    if (result.error?.code === 'COURIER_REJECTED') {
      // The field the courier's words are about is marked, with those words; the panel says what to do.
      const { reason, field } = readRejection(result.error.message);
      if (field) showErrors([{ field, message: reason }]);
    }
    if (result.error?.code === 'VALIDATION' && result.error.fields?.length) {
      setPhase({ kind: 'editing', notice: t('create.apiRefused') });
      showErrors(result.error.fields);
      return;
    }
    if (!result.error) saveTemplate(templateOf(draft));
    const final = stepsFromState(result.state, result.error !== null);
    // Events say which step failed more precisely than the resting state does.
    const merged = Object.fromEntries(UI_STEPS.map((s) => [s, steps[s] === 'failed' ? 'failed' : final[s]])) as Steps;
    setPhase({ kind: 'result', result, steps: merged, reprint: 'idle', printLater });
  };

  const run = async (call: () => ReturnType<typeof station.labelsCreate>, confirm: Confirm = {}) => {
    const printLater = confirm.printLater === true;
    watching.current = { shipmentId: null };
    stepsRef.current = initialSteps();
    setPhase({ kind: 'submitting', steps: stepsRef.current });
    const r = await call();
    if (!r.ok) {
      watching.current = null;
      if (r.error.code === 'PRINTER_NOT_READY') {
        // Nothing was bought. The station's own answer is in the station's language; the screen says it in the packer's.
        const message = r.error.message;
        const status = await station.printersStatus();
        const words = status.ok && status.value.status.level === 'fault' ? describePrinter(status.value, t) : null;
        setPhase({ kind: 'ask-print-later', words, message, confirm });
        return;
      }
      if (r.error.code === 'DUPLICATE_ORDER' && r.error.existing) {
        // Nothing was bought: the station found the order's label in the same transaction that would have saved this one.
        setPhase({ kind: 'ask-duplicate', existing: r.error.existing, confirm });
        return;
      }
      if (r.error.fields?.length) {
        setPhase({ kind: 'editing', notice: t('create.apiRefused') });
        showErrors(r.error.fields);
      } else {
        setPhase({
          kind: 'result',
          result: { shipmentId: '', state: 'failed', trackingNumber: null, error: r.error },
          steps: stepsFromState('failed', true),
          reprint: 'idle',
        });
      }
      return;
    }
    finish(r.value, stepsRef.current, printLater);
  };

  const create = (confirm: Confirm = {}) =>
    void run(() => station.labelsCreate({ ...toRequestInput(draft), ...(Object.keys(confirm).length > 0 ? { confirm } : {}) }), confirm);
  const buyPrintLater = (confirm: Confirm) => create({ ...confirm, printLater: true });
  const buyAnother = (confirm: Confirm) => create({ ...confirm, duplicateOrder: true });
  const keepOne = (existing: ExistingLabel) => {
    setDeclined(draft);
    setPhase({
      kind: 'editing',
      notice: existing.trackingNumber
        ? t('labelCare.duplicate.kept', { order: existing.orderNumber, label: existing.trackingNumber })
        : t('labelCare.duplicate.keptNoTracking', { order: existing.orderNumber }),
    });
    // The notice takes the focus: another stray Enter lands on it, not on the form.
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const submit = (e?: FormEvent, declaredValueConfirmed = false) => {
    e?.preventDefault();
    // Enter in a field while a question is open answers nothing and buys nothing.
    if (phase.kind === 'submitting' || phase.kind === 'ask-duplicate' || phase.kind === 'ask-print-later') return;
    // The shared schema, with its messages in the packer's language.
    const checked = validateLabelRequest(toRequestInput(draft), i18n.language as Language);
    if (!checked.ok) {
      setPhase({ kind: 'editing', notice: t('create.fixErrors', { count: checked.fields.length }) });
      showErrors(checked.fields);
      return;
    }
    setErrors(NO_ERRORS);
    const above = confirmAbove === null || declaredValueConfirmed ? null : declaredValueAbove(checked.value, confirmAbove);
    if (above) {
      setConfirming({ ...above, draft });
      return;
    }
    setConfirming(null);
    if (retryOf) {
      const shipmentId = retryOf;
      void run(() => station.labelsRetry({ shipmentId, request: toRequestInput(draft) }));
      return;
    }
    create();
  };

  const backToPrices = () => {
    setConfirming(null);
    document.getElementById(fieldId(itemPath(0, 0, 'unitPrice')))?.focus();
  };

  // A refused label: what the form holds now, checked, as a new attempt; anything else (the API was down): resumed.
  const retry = (shipmentId: string) => (retryOf === shipmentId ? submit() : void run(() => station.labelsRetry({ shipmentId })));

  const reprint = async (shipmentId: string, reason: ReprintReason) => {
    setPhase((p) => (p.kind === 'result' ? { ...p, reprint: 'busy' } : p));
    const r = await station.labelsReprint({ shipmentId, reason });
    setPhase((p) =>
      p.kind === 'result'
        ? {
            ...p,
            reprint: r.ok && r.value.outcome !== 'failed' ? 'done' : r.ok ? { code: 'PRINTER', message: r.value.error ?? '' } : r.error,
          }
        : p,
    );
  };

  const nextLabel = () => {
    // Keeps the service and the warehouse; the recipient, order and parcels start empty.
    setDraft((d) => ({ ...emptyDraft(d.shipFrom), courier: d.courier, productCode: d.productCode, format: d.format }));
    setRound((r) => r + 1);
    setRetryOf(null);
    setErrors(NO_ERRORS);
    setPhase({ kind: 'editing', notice: null });
    requestAnimationFrame(() => document.getElementById(fieldId('shipment.shipTo.contact.firstName'))?.focus());
  };

  const setParty = (party: PartyKey) => (key: keyof PartyDraft, v: string) =>
    setDraft((d) => ({ ...d, [party]: { ...d[party], [key]: v } }));
  const set =
    <K extends keyof LabelDraft>(key: K) =>
    (v: LabelDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: v }));

  const shipFromErrors = [...errors.at.keys()].some((k) => k.startsWith('shipment.shipFrom.'));
  const shipFromPrefilled = shipFromDefault !== null && Object.values(shipFromDefault).some((v) => v !== '');
  const busy = phase.kind === 'submitting';
  const asked = phase.kind === 'ask-duplicate' || phase.kind === 'ask-print-later';
  const scale = useScale();
  // The weights a label is bought with stay as they were: while it is being bought, while the packer is asked about
  // the printer or a second label, and once it is made. A failed label leaves them open to fix.
  const weightLocked = busy || asked || (phase.kind === 'result' && phase.result.error === null);

  return (
    <section aria-labelledby="create-title" className="create">
      <div className="create-head">
        <h2 id="create-title" className="view-title">
          {t('create.title')}
        </h2>
        <button type="button" className="button" onClick={duplicate}>
          {t('create.duplicate')}
        </button>
      </div>

      {onNavigate && phase.kind === 'editing' && <SetupChecklist onNavigate={onNavigate} />}
      {phase.kind === 'ask-print-later' && (
        <AskPrintLater
          words={phase.words}
          message={phase.message}
          onBuy={() => buyPrintLater(phase.confirm)}
          onCancel={() => setPhase({ kind: 'editing', notice: null })}
          onPrinters={onNavigate ? () => onNavigate('printers') : null}
        />
      )}
      {phase.kind === 'ask-duplicate' && (
        <AskDuplicate
          existing={phase.existing}
          onAnother={() => buyAnother(phase.confirm)}
          onKeep={() => keepOne(phase.existing)}
          onOpen={() => onOpenShipment(phase.existing.shipmentId)}
        />
      )}
      {(phase.kind === 'submitting' || phase.kind === 'result') && (
        <ResultPanel
          phase={phase}
          panelRef={resultRef}
          nextRef={nextRef}
          onRetry={retry}
          onReprint={(id, reason) => void reprint(id, reason)}
          onOpen={onOpenShipment}
          onNext={nextLabel}
        />
      )}
      {phase.kind === 'editing' && (phase.notice || errors.unplaced.length > 0) && (
        <div
          className={errors.at.size || errors.unplaced.length ? 'notice error-box' : 'notice'}
          role="alert"
          ref={resultRef}
          tabIndex={-1}
        >
          {phase.notice && <p>{phase.notice}</p>}
          {errors.unplaced.length > 0 && (
            <ul>
              {errors.unplaced.map((e) => (
                <li key={e.field + e.message}>
                  <code>{e.field}</code>: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <ErrorsContext.Provider value={errors}>
        <form onSubmit={submit} noValidate aria-busy={busy} className="create-form">
          <div className="create-columns">
            <fieldset className="box">
              <legend>{t('create.shipTo')}</legend>
              <PartyFields party="shipTo" value={draft.shipTo} onChange={setParty('shipTo')} autoFocusFirst />
            </fieldset>
            <div className="create-side">
              <fieldset className="box">
                <legend>{t('create.service')}</legend>
                <CatalogField
                  path={FIELD_PATHS.courier}
                  label={t('create.courier')}
                  placeholder={t('create.chooseCourier')}
                  catalog={couriers}
                  value={draft.courier}
                  onValue={(v) => setDraft((d) => ({ ...d, courier: v, productCode: d.courier === v ? d.productCode : '' }))}
                />
                <CatalogField
                  path={FIELD_PATHS.productCode}
                  label={t('create.product')}
                  placeholder={t('create.chooseProduct')}
                  catalog={products}
                  value={draft.productCode}
                  onValue={set('productCode')}
                />
                <SelectField
                  path={FIELD_PATHS.format}
                  label={t('create.labelFormat')}
                  value={draft.format}
                  onValue={(v) => set('format')(v as LabelFormat)}
                >
                  {LABEL_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </SelectField>
              </fieldset>
              <fieldset className="box">
                <legend>{t('create.order')}</legend>
                <TextField
                  path={FIELD_PATHS.customerOrderNumber}
                  label={t('create.customerOrderNumber')}
                  value={draft.customerOrderNumber}
                  onValue={set('customerOrderNumber')}
                />
                <TextField
                  path={FIELD_PATHS.platformOrderNumber}
                  label={t('create.platformOrderNumber')}
                  value={draft.platformOrderNumber}
                  onValue={set('platformOrderNumber')}
                />
                <TextField
                  path={FIELD_PATHS.referenceNumbers}
                  label={t('create.referenceNumbers')}
                  value={draft.referenceNumbers}
                  onValue={set('referenceNumbers')}
                />
              </fieldset>
            </div>
          </div>
          <ParcelsFields round={round} parcels={draft.parcels} onChange={set('parcels')} scale={scale} locked={weightLocked} />
          <details className="box" open={!shipFromPrefilled || shipFromErrors}>
            <summary>
              {t('create.shipFrom')}
              {shipFromPrefilled && <span className="hint"> — {t('create.shipFromHint')}</span>}
            </summary>
            <PartyFields party="shipFrom" value={draft.shipFrom} onChange={setParty('shipFrom')} />
          </details>
          {asking && confirmAbove !== null && (
            <DeclaredValueConfirm
              above={asking}
              threshold={confirmAbove}
              onConfirm={() => submit(undefined, true)}
              onCancel={backToPrices}
            />
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || asked || asking !== null}>
              {t('create.submit')}
            </button>
          </div>
        </form>
      </ErrorsContext.Provider>
    </section>
  );
}

function CatalogField({
  path,
  label,
  placeholder,
  catalog,
  value,
  onValue,
}: {
  path: string;
  label: string;
  placeholder: string;
  catalog: ReturnType<typeof useCatalog>;
  value: string;
  onValue(v: string): void;
}) {
  const { t } = useTranslation();
  // The select stays the same element while its list loads, so the packer's focus is never lost to a re-mount.
  if (catalog.state !== 'failed') {
    const entries = catalog.state === 'ready' ? catalog.entries : [];
    return (
      <SelectField path={path} label={label} value={value} onValue={onValue} aria-busy={catalog.state === 'loading'}>
        <option value="">{catalog.state === 'loading' ? t('create.loadingCatalog') : placeholder}</option>
        {entries.map((e) => (
          <option key={e.code} value={e.code}>
            {e.name ? `${e.code} · ${e.name}` : e.code}
          </option>
        ))}
        {value && !entries.some((e) => e.code === value) && <option value={value}>{value}</option>}
      </SelectField>
    );
  }
  // No list (the API refused or is unreachable): the code can still be typed.
  return (
    <>
      <TextField path={path} label={label} value={value} onValue={onValue} />
      <span className="hint">{t('create.catalogFailed', { message: catalog.message })}</span>
    </>
  );
}

function ResultPanel({
  phase,
  panelRef,
  nextRef,
  onRetry,
  onReprint,
  onOpen,
  onNext,
}: {
  phase: Extract<Phase, { kind: 'submitting' | 'result' }>;
  panelRef: React.RefObject<HTMLDivElement | null>;
  nextRef: React.RefObject<HTMLButtonElement | null>;
  onRetry(id: string): void;
  onReprint(id: string, reason: ReprintReason): void;
  onOpen(id: string): void;
  onNext(): void;
}) {
  const { t } = useTranslation();
  const steps = phase.steps;
  // The courier's reason once, plainly (no "HTTP 400", no repeated prefix), and what to do about it.
  const rejectionText = (message: string) => {
    const { reason, field } = readRejection(message);
    return `${t('labelCare.rejected.message', { reason })} ${t(field ? 'labelCare.rejected.fix' : 'labelCare.rejected.fixAny')}`;
  };
  const result = phase.kind === 'result' ? phase.result : null;
  const error = result?.error ?? null;
  const printed = result && (result.state === 'printed' || result.state === 'tracked');
  const failureText = (e: StationError) =>
    e.code === 'COURIER_REJECTED'
      ? rejectionText(e.message)
      : (FAILURE_KEYS as readonly string[]).includes(e.code)
        ? t(`create.failure.${e.code as (typeof FAILURE_KEYS)[number]}`, { message: e.message })
        : t('create.failure.other', { message: e.message });

  return (
    <div className={`result-panel ${error ? 'failed' : result ? 'done' : ''}`} ref={panelRef} tabIndex={-1} data-testid="create-result">
      <ol className="steps" aria-live="polite">
        {UI_STEPS.map((s) => (
          <li key={s} className={`step step-${steps[s]}`} data-testid={`step-${s}`} data-state={steps[s]}>
            <span className="step-name">{t(`create.steps.${s}`)}</span>{' '}
            <span className="step-state">{t(`create.stepState.${steps[s]}`)}</span>
          </li>
        ))}
      </ol>
      {result?.trackingNumber && (
        <div className="result-main">
          <p className="result-title">{t('create.done')}</p>
          <p>
            {t('create.trackingNumber')}:{' '}
            <strong className="tracking-big mono" data-testid="created-tracking">
              {result.trackingNumber ?? '—'}
            </strong>
          </p>
          <p className={printed ? 'ok-text' : 'error'} data-testid="created-printed">
            {printed ? t('create.printed') : t('create.notPrinted')}
          </p>
          {phase.kind === 'result' && phase.printLater && !printed && (
            <p className="hint" data-testid="created-print-later">
              {t('printerStatus.ask.later')}
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="create-failure">
          {failureText(error)}
        </p>
      )}
      {phase.kind === 'result' && typeof phase.reprint === 'object' && (
        <p className="error" role="alert">
          {failureText(phase.reprint)}
        </p>
      )}
      {phase.kind === 'result' && phase.reprint === 'done' && <p className="ok-text">{t('create.printed')}</p>}
      {result && (
        <div className="actions">
          {result.shipmentId &&
            (result.trackingNumber || result.state === 'print_failed' || result.state === 'document_ready' || printed) && (
              <ReprintButton
                label={t('create.reprint')}
                busy={phase.kind === 'result' && phase.reprint === 'busy'}
                onReprint={(reason) => onReprint(result.shipmentId, reason)}
              />
            )}
          {error && result.shipmentId && RETRYABLE.has(error.code) && (
            <button type="button" className="button" onClick={() => onRetry(result.shipmentId)}>
              {t('create.retry')}
            </button>
          )}
          {result.shipmentId && (
            <button type="button" className="button" onClick={() => onOpen(result.shipmentId)}>
              {t('create.openShipment')}
            </button>
          )}
          <button type="button" className="button primary" ref={nextRef} onClick={onNext}>
            {t('create.another')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The label printer cannot print: one message (what is wrong), one
 * instruction (the thing to do), a way to the Printers screen, and the
 * packer's choice. "Don't buy" has the focus: buying a label that cannot be
 * printed is the exception.
 */
function AskPrintLater({
  words,
  message,
  onBuy,
  onCancel,
  onPrinters,
}: {
  words: PrinterWords | null;
  message: string;
  onBuy(): void;
  onCancel(): void;
  onPrinters: (() => void) | null;
}) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="result-panel failed ask-print-later"
      role="alertdialog"
      aria-labelledby="ask-print-later-title"
      aria-describedby="ask-print-later-body"
      data-testid="ask-print-later"
    >
      <p className="result-title" id="ask-print-later-title">
        {t('printerStatus.ask.title')}
      </p>
      <div id="ask-print-later-body">
        {words ? (
          <>
            <p className="error" data-testid="ask-print-later-problem">
              {mixed(words.key, words.params, ['name'])}
            </p>
            {words.action && <p data-testid="ask-print-later-action">{words.action}</p>}
          </>
        ) : (
          <p className="error" data-testid="ask-print-later-problem">
            <EnglishText>{message}</EnglishText>
          </p>
        )}
        <p>{t('printerStatus.ask.nothingBought')}</p>
      </div>
      <div className="actions">
        {onPrinters && (
          <button type="button" className="link-button" onClick={onPrinters}>
            {t('printerStatus.ask.openPrinters')}
          </button>
        )}
        <button type="button" className="button" onClick={onBuy}>
          {t('printerStatus.ask.buyNow')}
        </button>
        <button type="button" className="button primary" ref={cancelRef} onClick={onCancel}>
          {t('printerStatus.ask.dontBuy')}
        </button>
      </div>
    </div>
  );
}

/**
 * The order already has a label. "No" has the focus, so the Enter that
 * brought this question up again (or Escape) buys nothing: a second label is
 * the exception, and only a deliberate choice buys it.
 */
function AskDuplicate({
  existing,
  onAnother,
  onKeep,
  onOpen,
}: {
  existing: ExistingLabel;
  onAnother(): void;
  onKeep(): void;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const noRef = useRef<HTMLButtonElement>(null);
  useEffect(() => noRef.current?.focus(), []);
  const title = existing.trackingNumber
    ? t('labelCare.duplicate.title', { order: existing.orderNumber, label: existing.trackingNumber })
    : t('labelCare.duplicate.titleNoTracking', { order: existing.orderNumber });
  return (
    <div
      className="result-panel failed ask-duplicate"
      role="alertdialog"
      aria-labelledby="ask-duplicate-title"
      aria-describedby="ask-duplicate-body"
      data-testid="ask-duplicate"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onKeep();
        }
      }}
    >
      <p className="result-title" id="ask-duplicate-title">
        {title}
      </p>
      <p id="ask-duplicate-body">{t('labelCare.duplicate.body')}</p>
      <div className="actions">
        <button type="button" className="link-button" onClick={onOpen}>
          {t('labelCare.duplicate.open')}
        </button>
        <button type="button" className="button" onClick={onAnother}>
          {t('labelCare.duplicate.yes')}
        </button>
        <button type="button" className="button primary" ref={noRef} onClick={onKeep}>
          {t('labelCare.duplicate.no')}
        </button>
      </div>
    </div>
  );
}
