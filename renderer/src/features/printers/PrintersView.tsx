import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_TYPES,
  MEDIA_PRESETS,
  ORIENTATION_RULES,
  PRINT_MODES,
  SLIP_ORDERS,
  type DocumentType,
  type MediaPreset,
  type OrientationRule,
  type PrintMode,
  type Printer,
  type PrintProfile,
  type PrintProfileDraft,
  type PrintProfilesView,
  type SlipOrder,
} from '../../../../shared/domain/printing';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';
import { describePrinter, usePrinterStatus } from './printer-status';

/**
 * A note is kept as its sentence and params, put together when shown: the station's messages and the names in them
 * are English, and on a Chinese screen they are marked so (lang="en") inside the translated sentence.
 */
type Note = {
  kind: 'ok' | 'error';
  key: 'errors.generic' | 'printers.testSent' | 'documentRouting.saved';
  params: Record<string, string>;
} | null;

const failed = (message: string): Note => ({ kind: 'error', key: 'errors.generic', params: { message } });
const done = (key: 'printers.testSent' | 'documentRouting.saved', name: string): Note => ({ kind: 'ok', key, params: { name } });

function profileTarget(p: PrintProfile, systemDefault: string): string {
  // A profile saying "system default" on a computer without one prints nowhere: say so instead of naming a printer that is not there.
  return p.mode === 'zpl-network' ? `${p.host}:${p.port}` : (p.printer ?? systemDefault);
}

function mediaText(p: PrintProfile): string {
  return p.media.preset === 'custom' ? `${p.media.widthMm}×${p.media.heightMm} mm` : p.media.preset;
}

export function PrintersView() {
  const { t } = useTranslation();
  const station = useStation();
  const [printers, setPrinters] = useState<Printer[] | null>(null);
  const [profiles, setProfiles] = useState<PrintProfilesView | null>(null);
  const [note, setNote] = useState<Note>(null);
  const mixed = useMixedTranslation();

  const labelPrinter = usePrinterStatus();
  const refreshStatus = labelPrinter.refresh;
  const load = useCallback(() => {
    void station.printersList().then((r) => {
      if (r.ok) setPrinters(r.value);
      else setNote(failed(r.error.message));
      // Listing printers may have pointed a fresh label profile at a real queue.
      void station.printProfilesList().then((p) => p.ok && setProfiles(p.value));
      refreshStatus();
    });
  }, [station, refreshStatus]);

  useEffect(() => load(), [load]);

  const testPrint = async (p: PrintProfile) => {
    setNote(null);
    const r = await station.printersTestPrint({ profileId: p.id });
    setNote(r.ok ? done('printers.testSent', r.value.target) : failed(r.error.message));
  };

  const makeDefault = async (p: PrintProfile) => {
    const r = await station.printProfilesSave({ profile: p, makeDefault: true });
    if (r.ok) {
      setProfiles(r.value);
      refreshStatus();
    } else setNote(failed(r.error.message));
  };

  /** What a profile prints, or when its slip prints: saved at once, like the default. */
  const change = async (p: PrintProfile, patch: { documentType?: DocumentType; packingSlip?: SlipOrder }) => {
    setNote(null);
    const r = await station.printProfilesSave({ profile: { ...p, ...patch } });
    if (!r.ok) return setNote(failed(r.error.message));
    setProfiles(r.value);
    // A type change can move the label printer, whose state the screen shows.
    refreshStatus();
    setNote(done('documentRouting.saved', p.name));
  };

  const systemDefault = printers?.find((p) => p.isDefault);
  const systemDefaultText = systemDefault ? `${t('printers.systemDefault')} (${systemDefault.name})` : t('printerStatus.faults.no-default');

  return (
    <section aria-labelledby="printers-title" className="printers">
      <h2 id="printers-title" className="view-title">
        {t('printers.title')}
      </h2>
      {note && (
        <p className={note.kind === 'ok' ? 'ok-text' : 'error'} role="status" data-testid="printers-note">
          {mixed(note.key, note.params, Object.keys(note.params))}
        </p>
      )}
      <LabelPrinterBox view={labelPrinter.view} onRefresh={refreshStatus} />
      <div className="box">
        <div className="box-head">
          <h3>{t('printers.discovered')}</h3>
          <button type="button" className="button small" onClick={load}>
            {t('printers.refresh')}
          </button>
        </div>
        {printers && printers.length === 0 && (
          <p className="empty" data-testid="printers-none">
            {t('printers.none')}
          </p>
        )}
        {printers && printers.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>{t('printers.name')}</th>
                <th>{t('printers.state')}</th>
                <th>{t('printers.isDefault')}</th>
              </tr>
            </thead>
            <tbody>
              {printers.map((p) => (
                <tr key={p.name} data-testid="printer-row">
                  <td className="mono">{p.name}</td>
                  <td>
                    {t(`printers.states.${p.state}`)}
                    {p.accepting === false ? ` · ${t('printers.rejecting')}` : ''}
                    {p.message ? <span className="hint"> · {p.message}</span> : null}
                  </td>
                  <td>{p.isDefault ? '✔' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="box">
        <h3>{t('printers.profiles')}</h3>
        {profiles && profiles.profiles.length === 0 && <p className="empty">{t('printers.profilesNone')}</p>}
        {profiles && profiles.profiles.length > 0 && (
          <table className="table profiles-table">
            <thead>
              <tr>
                <th>{t('printers.profileName')}</th>
                <th>{t('printers.kind')}</th>
                <th>{t('printers.target')}</th>
                <th>{t('printers.media')}</th>
                <th>{t('printers.dpi')}</th>
                <th>{t('printFit.fitting')}</th>
                <th>{t('documentRouting.documentType')}</th>
                <th>{t('documentRouting.packingSlip')}</th>
                <th>{t('printers.default')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {profiles.profiles.map((p) => (
                <tr key={p.id} data-testid="profile-row">
                  <td data-label={t('printers.profileName')} translate="no">
                    {p.name}
                  </td>
                  <td data-label={t('printers.kind')}>{t(`printers.modes.${p.mode}`)}</td>
                  <td data-label={t('printers.target')} className="mono">
                    {profileTarget(p, systemDefaultText)}
                  </td>
                  <td data-label={t('printers.media')} translate="no">
                    {mediaText(p)}
                  </td>
                  <td data-label={t('printers.dpi')}>{p.dpi}</td>
                  <td data-label={t('printFit.fitting')}>
                    {t(`printFit.orientations.${p.orientation}`)}
                    {p.findLabel && p.documentType === 'label' ? ` · ${t('printFit.findsLabel')}` : ''}
                  </td>
                  <td data-label={t('documentRouting.documentType')}>
                    <select
                      aria-label={`${t('documentRouting.documentType')}: ${p.name}`}
                      value={p.documentType}
                      onChange={(e) => void change(p, { documentType: e.target.value as DocumentType })}
                    >
                      {DOCUMENT_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`documentRouting.types.${type}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t('documentRouting.packingSlip')}>
                    {p.documentType === 'label' ? (
                      <select
                        aria-label={`${t('documentRouting.packingSlip')}: ${p.name}`}
                        value={p.packingSlip}
                        onChange={(e) => void change(p, { packingSlip: e.target.value as SlipOrder })}
                      >
                        {SLIP_ORDERS.map((order) => (
                          <option key={order} value={order}>
                            {t(`documentRouting.slipOrders.${order}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="hint" title={t('documentRouting.notForType')}>
                        —
                      </span>
                    )}
                  </td>
                  <td data-label={t('printers.default')}>
                    {profiles.defaultProfileId === p.id ? (
                      '✔'
                    ) : p.documentType !== 'label' ? null : (
                      <button type="button" className="button small" onClick={() => void makeDefault(p)}>
                        {t('printers.useDefault')}
                      </button>
                    )}
                  </td>
                  <td>
                    <button type="button" className="button small" onClick={() => void testPrint(p)}>
                      {t('printers.testPrint')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {profiles && profiles.profiles.length > 0 && <RoutesList view={profiles} />}
        <NewProfileForm
          printers={printers ?? []}
          onSaved={(v) => {
            setProfiles(v);
            refreshStatus();
          }}
          onError={(text) => setNote(failed(text))}
        />
      </div>
    </section>
  );
}

/** Where each document type prints, as the station routes it (and a label's invoice pages). */
function RoutesList({ view }: { view: PrintProfilesView }) {
  const { t } = useTranslation();
  const name = (id: string | undefined) => view.profiles.find((p) => p.id === id)?.name ?? '';
  const invoices = view.routes.document;
  const invoicesApart = invoices && !invoices.fallback && invoices.profileId !== view.routes.label?.profileId;
  return (
    <section className="routes" aria-labelledby="routes-title">
      <h4 id="routes-title">{t('documentRouting.routesTitle')}</h4>
      <dl data-testid="document-routes">
        {DOCUMENT_TYPES.map((type) => {
          const route = view.routes[type];
          if (!route) return null;
          return (
            <div key={type} className="route" data-testid={`route-${type}`}>
              <dt>{t(`documentRouting.types.${type}`)}</dt>
              <dd>
                <span translate="no">{name(route.profileId)}</span>
                {route.fallback ? <span className="hint"> — {t('documentRouting.routeFallback')}</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="hint" data-testid="invoice-pages-route">
        {invoicesApart ? (
          <>
            {t('documentRouting.invoicePages')} <span translate="no">{name(invoices.profileId)}</span>
          </>
        ) : (
          t('documentRouting.invoicePagesStay')
        )}
      </p>
    </section>
  );
}

function NewProfileForm({
  printers,
  onSaved,
  onError,
}: {
  printers: Printer[];
  onSaved(v: PrintProfilesView): void;
  onError(text: string): void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<PrintMode>('system');
  const [picked, setPrinter] = useState<string | null>(null);
  const hasSystemDefault = printers.some((p) => p.isDefault);
  // Never "system default" where there is none: the first queue is chosen instead.
  const printer = picked ?? (hasSystemDefault ? '' : (printers[0]?.name ?? ''));
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9100');
  const [media, setMedia] = useState<MediaPreset>('4x6in');
  const [dpi, setDpi] = useState<'203' | '300'>('203');
  const [orientation, setOrientation] = useState<OrientationRule>('auto');
  const [findLabel, setFindLabel] = useState(true);
  const [documentType, setDocumentType] = useState<DocumentType>('label');
  const [packingSlip, setPackingSlip] = useState<SlipOrder>('after');
  const [makeDefault, setMakeDefault] = useState(true);
  const forLabels = documentType === 'label';
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const common = {
      name,
      media: { preset: media },
      dpi: Number(dpi) as 203 | 300,
      copies: 1,
      orientation,
      findLabel,
      darkness: null,
      documentType,
      packingSlip,
    };
    const profile: PrintProfileDraft =
      mode === 'zpl-network'
        ? { ...common, mode, host, port: Number(port) }
        : { ...common, mode, printer: printer === '' ? null : printer };
    // Only a label profile can take labels over; the others print their own type.
    const r = await station.printProfilesSave({ profile, makeDefault: forLabels && makeDefault });
    if (!r.ok) return onError(r.error.fields?.map((f) => f.message).join(' ') || r.error.message);
    onSaved(r.value);
    setName('');
  };

  return (
    <form className="profile-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-profile-title">
      <h4 id="new-profile-title">{t('printers.newProfile')}</h4>
      <div className="row-item">
        <div className="field">
          <label htmlFor={id('profileName')}>{t('printers.profileName')}</label>
          <input id={id('profileName')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
        </div>
        <div className="field">
          <label htmlFor={id('documentType')}>{t('documentRouting.documentType')}</label>
          <select id={id('documentType')} value={documentType} onChange={(e) => setDocumentType(e.target.value as DocumentType)}>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`documentRouting.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('kind')}>{t('printers.kind')}</label>
          <select id={id('kind')} value={mode} onChange={(e) => setMode(e.target.value as PrintMode)}>
            {PRINT_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`printers.modes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        {mode === 'zpl-network' ? (
          <>
            <div className="field">
              <label htmlFor={id('host')}>{t('printers.host')}</label>
              <input id={id('host')} value={host} onChange={(e) => setHost(e.target.value)} />
            </div>
            <div className="field narrow">
              <label htmlFor={id('port')}>{t('printers.port')}</label>
              <input id={id('port')} value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor={id('queue')}>{t('printers.queue')}</label>
            <select id={id('queue')} value={printer} onChange={(e) => setPrinter(e.target.value)}>
              {hasSystemDefault && <option value="">{t('printers.systemDefault')}</option>}
              {printers.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={id('media')}>{t('printers.media')}</label>
          <select id={id('media')} value={media} onChange={(e) => setMedia(e.target.value as MediaPreset)}>
            {MEDIA_PRESETS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor={id('dpi')}>{t('printers.dpi')}</label>
          <select id={id('dpi')} value={dpi} onChange={(e) => setDpi(e.target.value as '203' | '300')}>
            <option value="203">203</option>
            <option value="300">300</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('orientation')}>{t('printFit.orientation')}</label>
          <select id={id('orientation')} value={orientation} onChange={(e) => setOrientation(e.target.value as OrientationRule)}>
            {ORIENTATION_RULES.map((o) => (
              <option key={o} value={o}>
                {t(`printFit.orientations.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {forLabels && (
          <>
            <div className="field">
              <label htmlFor={id('packingSlip')}>{t('documentRouting.packingSlip')}</label>
              <select id={id('packingSlip')} value={packingSlip} onChange={(e) => setPackingSlip(e.target.value as SlipOrder)}>
                {SLIP_ORDERS.map((order) => (
                  <option key={order} value={order}>
                    {t(`documentRouting.slipOrders.${order}`)}
                  </option>
                ))}
              </select>
            </div>
            <label className="field check">
              <input type="checkbox" checked={findLabel} onChange={(e) => setFindLabel(e.target.checked)} />
              <span>{t('printFit.findLabel')}</span>
            </label>
            <label className="field check">
              <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
              <span>{t('printers.useDefault')}</span>
            </label>
          </>
        )}
        <button type="submit" className="button">
          {t('printers.save')}
        </button>
      </div>
    </form>
  );
}

/** The default profile's printer as it reports itself: what is wrong, the one thing to do, where the answer came from. */
function LabelPrinterBox({ view, onRefresh }: { view: ReturnType<typeof usePrinterStatus>['view']; onRefresh(): void }) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const fmt = useFormat();
  const words = describePrinter(view, t);
  const source = view ? t(`printerStatus.source.${view.status.source}`) : '';
  return (
    <div className="box" data-testid="label-printer-status">
      <div className="box-head">
        <h3>{t('printerStatus.title')}</h3>
        <button type="button" className="button small" onClick={onRefresh}>
          {t('printerStatus.refresh')}
        </button>
      </div>
      <p className={`dot dot-printer-${words.tone}`} role="status" data-testid="label-printer-state">
        <strong>{mixed(words.key, words.params, ['name'])}</strong>
      </p>
      {words.action && <p data-testid="label-printer-action">{words.action}</p>}
      {view?.status.detail && (
        <p className="hint mono">
          <EnglishText>{view.status.detail}</EnglishText>
        </p>
      )}
      {view && (
        <p className="hint">
          {[source, t('printerStatus.checkedAt', { time: fmt.time(view.status.checkedAt) })].filter(Boolean).join(' · ')}
        </p>
      )}
    </div>
  );
}
