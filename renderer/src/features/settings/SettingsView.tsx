import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { EnglishText } from '../../lib/english-text';
import { useTranslation } from 'react-i18next';
import { ENVIRONMENTS, type Environment } from '../../../../shared/domain/app';
import {
  LANGUAGES,
  MAX_PRIVATE_DOCUMENT_HOSTS,
  MAX_STATION_NAME_CHARS,
  SettingsPatchSchema,
  type Language,
  type NotifyTags,
  type SettingsView as Settings,
} from '../../../../shared/domain/settings';
import { TAGS } from '../../../../shared/domain/tags';
import {
  SCAN_BURST_MAX_GAP_MS_HIGHEST,
  SCAN_BURST_MAX_GAP_MS_LOWEST,
  SCAN_BURST_MIN_CHARS_HIGHEST,
  SCAN_BURST_MIN_CHARS_LOWEST,
} from '../../../../shared/domain/scanner';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { labelSchemas } from '../../../../shared/domain/label-request';
import { useStation } from '../../lib/station-context';
import { pickLanguage } from '../../i18n';
import { ErrorsContext, fieldId } from '../create-label/fields';
import { partyFromSettings, placeErrors, toRequestInput, emptyDraft, type PartyDraft, type PlacedErrors } from '../create-label/form-model';
import { PartyFields } from '../create-label/PartyFields';
import { FlashAmericasCredentials, TokenProtectionLine } from './secret-fields';
import { ScaleSettings } from '../scale/ScaleSettings';
import { PackersSettings } from './PackersSettings';
import { DocumentHostsField } from './DocumentHostsField';
import { WarehouseSettings } from './WarehouseSettings';

type Note = { kind: 'ok' | 'error'; text: ReactNode } | null;
const NO_ERRORS: PlacedErrors = { at: new Map(), unplaced: [] };

/** Settings paths are `shipFrom.contact.firstName`; the shared address fields are named as in a label request. */
const toFormPath = (field: string) => (field.startsWith('shipFrom.') ? `shipment.${field}` : field);

function isBlank(p: PartyDraft) {
  return Object.values(p).every((v) => v.trim() === '');
}

/** `onOpenSite`: the site view (warehouse mode), opened from the Warehouse database section. */
export function SettingsView({ onOpenSite }: { onOpenSite?: () => void } = {}) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [environment, setEnvironment] = useState<Environment>('sandbox');
  const [customBaseUrl, setCustomBaseUrl] = useState('');
  const [stationName, setStationName] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [autoPrint, setAutoPrint] = useState(true);
  const [scanReprint, setScanReprint] = useState(false);
  const [scanner, setScanner] = useState({ burstMinChars: '', burstMaxGapMs: '', sound: false });
  const [notifyTags, setNotifyTags] = useState<NotifyTags | null>(null);
  const [notifySiteWide, setNotifySiteWide] = useState(false);
  /** Warehouse mode (app:status names the database): the site-wide notification option applies. */
  const [onSite, setOnSite] = useState(false);
  const [confirmAbove, setConfirmAbove] = useState('');
  const [documentHosts, setDocumentHosts] = useState<string[]>([]);
  const [shipFrom, setShipFrom] = useState<PartyDraft>(partyFromSettings(null));
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [note, setNote] = useState<Note>(null);

  const adopt = (s: Settings) => {
    setSaved(s);
    setEnvironment(s.environment);
    setCustomBaseUrl(s.customBaseUrl ?? '');
    setStationName(s.stationName);
    setLanguage(s.language ?? '');
    setAutoPrint(s.autoPrint);
    setScanReprint(s.scanReprint);
    setScanner({ burstMinChars: String(s.scanner.burstMinChars), burstMaxGapMs: String(s.scanner.burstMaxGapMs), sound: s.scanner.sound });
    setNotifyTags(s.notifyTags);
    setNotifySiteWide(s.notifySiteWide);
    setConfirmAbove(String(s.declaredValueConfirmAbove));
    setDocumentHosts(s.privateDocumentHosts);
    setShipFrom(partyFromSettings(s.shipFrom));
  };

  useEffect(() => {
    let live = true;
    void station.settingsGet().then((r) => live && r.ok && adopt(r.value));
    void station.appStatus().then((r) => live && r.ok && setOnSite(r.value.warehouse !== null));
    return () => {
      live = false;
    };
  }, [station]);

  const places = useMemo(
    () => [
      'environment',
      'customBaseUrl',
      'stationName',
      'declaredValueConfirmAbove',
      'scanner.burstMinChars',
      'scanner.burstMaxGapMs',
      'privateDocumentHosts',
      ...partyPlaces(),
    ],
    [],
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    const party = toRequestInput(emptyDraft(shipFrom)).shipment.shipFrom;
    const patch = {
      environment,
      customBaseUrl: customBaseUrl.trim() === '' ? null : customBaseUrl.trim(),
      stationName,
      language: language === '' ? null : language,
      autoPrint,
      scanReprint,
      scanner: { burstMinChars: Number(scanner.burstMinChars), burstMaxGapMs: Number(scanner.burstMaxGapMs), sound: scanner.sound },
      ...(notifyTags ? { notifyTags } : {}),
      notifySiteWide,
      shipFrom: isBlank(shipFrom) ? null : party,
      declaredValueConfirmAbove: confirmAbove.trim() === '' ? Number.NaN : Number(confirmAbove.trim().replace(',', '.')),
      privateDocumentHosts: documentHosts,
    };
    const checked = SettingsPatchSchema.safeParse(patch);
    const fields = checked.success ? [] : localisedSettingsIssues(checked.error.issues, patch, i18n.language as Language, t);
    const r = fields.length ? null : await station.settingsUpdate(patch);
    const all = r && !r.ok ? (r.error.fields ?? []) : fields;
    if (all.length || (r && !r.ok)) {
      const placed = placeErrors(
        all.map((f) => ({ ...f, field: toFormPath(f.field) })),
        places,
      );
      setErrors(placed);
      setNote({
        kind: 'error',
        text: r && !r.ok ? <EnglishText>{r.error.message}</EnglishText> : t('settings.fixErrors', { count: all.length }),
      });
      const first = [...placed.at.keys()][0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors(NO_ERRORS);
    if (r?.ok) adopt(r.value);
    void i18n.changeLanguage(patch.language ?? pickLanguage(navigator.languages));
    setNote({ kind: 'ok', text: t('settings.saved') });
  };

  const saveToken = async (value: string | null) => {
    const r = await station.settingsSetApiToken({ token: value });
    setToken('');
    if (r.ok) {
      adopt(r.value);
      setNote({ kind: 'ok', text: t('settings.tokenSaved') });
    } else setNote({ kind: 'error', text: <EnglishText>{r.error.fields?.[0]?.message ?? r.error.message}</EnglishText> });
  };

  const diagnostics = async () => {
    const r = await station.appCopyDiagnostics();
    if (!r.ok) return setNote({ kind: 'error', text: <EnglishText>{r.error.message}</EnglishText> });
    if (!r.value.copied) await navigator.clipboard?.writeText(r.value.text).catch(() => undefined);
    setNote({ kind: 'ok', text: t('detail.copied') });
  };

  if (!saved) return null;
  return (
    <section aria-labelledby="settings-title" className="settings-view">
      {/* The fields scroll; the save bar below them takes its own room, so it never covers one. */}
      <div className="settings-scroll" data-testid="settings-scroll">
        <h2 id="settings-title" className="view-title">
          {t('settings.title')}
        </h2>
        {saved.notices.map((n) => (
          <p key={n} className="notice">
            {n}
          </p>
        ))}
        <ErrorsContext.Provider value={errors}>
          <form id="settings-form" className="settings-form" onSubmit={(e) => void save(e)} noValidate>
            <fieldset className="box">
              <legend>{t('settings.environment')}</legend>
              <label className="field">
                <span>{t('settings.environment')}</span>
                <select id={fieldId('environment')} value={environment} onChange={(e) => setEnvironment(e.target.value as Environment)}>
                  {ENVIRONMENTS.map((env) => (
                    <option key={env} value={env}>
                      {t(`environment.${env}`)}
                    </option>
                  ))}
                </select>
              </label>
              {environment === 'custom' && (
                <label className="field">
                  <span>{t('settings.customBaseUrl')}</span>
                  <input
                    id={fieldId('customBaseUrl')}
                    value={customBaseUrl}
                    onChange={(e) => setCustomBaseUrl(e.target.value)}
                    placeholder="https://"
                    aria-invalid={errors.at.has('customBaseUrl') || undefined}
                  />
                  {errors.at.get('customBaseUrl') && <span className="field-error">{errors.at.get('customBaseUrl')!.join(' ')}</span>}
                </label>
              )}
              <label className="field">
                <span>{t('settings.stationName')}</span>
                <input
                  id={fieldId('stationName')}
                  value={stationName}
                  onChange={(e) => setStationName(e.target.value)}
                  aria-invalid={errors.at.has('stationName') || undefined}
                />
                {errors.at.get('stationName') && <span className="field-error">{errors.at.get('stationName')!.join(' ')}</span>}
              </label>
              <label className="field">
                <span>{t('settings.language')}</span>
                <select value={language} onChange={(e) => setLanguage(e.target.value as Language | '')}>
                  <option value="">{t('settings.languageSystem')}</option>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l} lang={l}>
                      {t(`languages.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field check">
                <input type="checkbox" checked={autoPrint} onChange={(e) => setAutoPrint(e.target.checked)} />
                <span>{t('settings.autoPrint')}</span>
              </label>
              <label className="field check">
                <input type="checkbox" checked={scanReprint} onChange={(e) => setScanReprint(e.target.checked)} />
                <span>{t('settings.reprintOnRescan')}</span>
              </label>
              <div className="field">
                <label htmlFor={fieldId('declaredValueConfirmAbove')}>{t('declaredValue.setting')}</label>
                <input
                  id={fieldId('declaredValueConfirmAbove')}
                  className="narrow-input"
                  inputMode="decimal"
                  value={confirmAbove}
                  onChange={(e) => setConfirmAbove(e.target.value)}
                  aria-invalid={errors.at.has('declaredValueConfirmAbove') || undefined}
                  aria-describedby={`${fieldId('declaredValueConfirmAbove')}-hint`}
                />
                <span className="hint" id={`${fieldId('declaredValueConfirmAbove')}-hint`}>
                  {t('declaredValue.settingHint')}
                </span>
                {errors.at.get('declaredValueConfirmAbove') && (
                  <span className="field-error">{errors.at.get('declaredValueConfirmAbove')!.join(' ')}</span>
                )}
              </div>
            </fieldset>
            <fieldset className="box">
              <legend>{t('scanner.settings')}</legend>
              <p className="hint" id="scanner-hint">
                {t('scanner.burstHint')}
              </p>
              {(['burstMinChars', 'burstMaxGapMs'] as const).map((key) => (
                <label key={key} className="field">
                  <span>{t(`scanner.${key}`)}</span>
                  <input
                    id={fieldId(`scanner.${key}`)}
                    className="narrow-input"
                    type="number"
                    inputMode="numeric"
                    value={scanner[key]}
                    onChange={(e) => setScanner((sc) => ({ ...sc, [key]: e.target.value }))}
                    aria-describedby="scanner-hint"
                    aria-invalid={errors.at.has(`scanner.${key}`) || undefined}
                  />
                  {errors.at.get(`scanner.${key}`) && <span className="field-error">{errors.at.get(`scanner.${key}`)!.join(' ')}</span>}
                </label>
              ))}
              <label className="field check">
                <input type="checkbox" checked={scanner.sound} onChange={(e) => setScanner((sc) => ({ ...sc, sound: e.target.checked }))} />
                <span>{t('scanner.sound')}</span>
              </label>
            </fieldset>
            <fieldset className="box">
              <legend>{t('settings.notifications')}</legend>
              {notifyTags &&
                TAGS.map((tag) => (
                  <label key={tag} className="field check">
                    <input
                      type="checkbox"
                      checked={notifyTags[tag]}
                      onChange={(e) => setNotifyTags({ ...notifyTags, [tag]: e.target.checked })}
                    />
                    <span>{t(`tags.${tag}`)}</span>
                  </label>
                ))}
              {onSite && (
                <>
                  <label className="field check">
                    <input
                      type="checkbox"
                      checked={notifySiteWide}
                      onChange={(e) => setNotifySiteWide(e.target.checked)}
                      aria-describedby="notify-site-wide-hint"
                    />
                    <span>{t('settings.notifySiteWide')}</span>
                  </label>
                  <p className="hint" id="notify-site-wide-hint">
                    {t('settings.notifySiteWideHint')}
                  </p>
                </>
              )}
            </fieldset>
            <fieldset className="box">
              <legend>{t('settings.shipFrom')}</legend>
              <PartyFields party="shipFrom" value={shipFrom} onChange={(key, v) => setShipFrom((p) => ({ ...p, [key]: v }))} />
            </fieldset>
            <DocumentHostsField
              hosts={documentHosts}
              onChange={setDocumentHosts}
              savedErrors={errors.at.get('privateDocumentHosts') ?? []}
            />
          </form>
        </ErrorsContext.Provider>
        <form
          className="box token-box"
          onSubmit={(e) => {
            e.preventDefault();
            void saveToken(token);
          }}
        >
          <h3>{t('settings.apiToken')}</h3>
          <p data-testid="token-state">
            {saved.hasApiToken ? t('settings.tokenSet') : t('settings.tokenNotSet')}{' '}
            <span className="hint">{t('settings.apiTokenHint')}</span>
          </p>
          <TokenProtectionLine protection={saved.tokenProtection} />
          <div className="row-item">
            <label className="field grow">
              <span>{t('settings.apiToken')}</span>
              <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" spellCheck={false} />
            </label>
            <button type="submit" className="button" disabled={token.trim() === ''}>
              {t('settings.saveToken')}
            </button>
            {saved.hasApiToken && (
              <button type="button" className="button" onClick={() => void saveToken(null)}>
                {t('settings.clearToken')}
              </button>
            )}
          </div>
        </form>
        <FlashAmericasCredentials saved={saved} onSaved={adopt} onNote={setNote} />
        <WarehouseSettings {...(onOpenSite ? { onOpenSite } : {})} />
        <PackersSettings />
        <ScaleSettings />
        <div className="actions">
          <button type="button" className="button" onClick={() => void station.appOpenLogsFolder()}>
            {t('settings.logs')}
          </button>
          <button type="button" className="button" onClick={() => void diagnostics()}>
            {t('settings.diagnostics')}
          </button>
        </div>
      </div>
      <div className="actions settings-actions" data-testid="settings-save-bar">
        <button type="submit" form="settings-form" className="button primary">
          {t('settings.save')}
        </button>
        {/* Both regions are there before any text, so a screen reader announces what arrives. */}
        <span className="ok-text" role="status" data-testid="settings-note">
          {note?.kind === 'ok' ? note.text : ''}
        </span>
        <span className="error" role="alert" data-testid="settings-error">
          {note?.kind === 'error' ? note.text : ''}
        </span>
      </div>
    </section>
  );
}

/**
 * The settings schema's own words are English; what the packer reads is in
 * the packer's language: the ship-from address through the label schema in
 * that language (the same rules), the threshold through the catalogue.
 */
function localisedSettingsIssues(
  issues: readonly z.core.$ZodIssue[],
  patch: { shipFrom: unknown; privateDocumentHosts: readonly string[] },
  language: Language,
  t: TFunction,
): { field: string; message: string }[] {
  const party = patch.shipFrom;
  const partyIssues = new Map<string, string>();
  const parsed = party === null ? null : labelSchemas(language).PartySchema.safeParse(party);
  if (parsed && !parsed.success)
    for (const i of parsed.error.issues) if (!partyIssues.has(i.path.join('.'))) partyIssues.set(i.path.join('.'), i.message);
  return issues.map((i) => {
    const field = i.path.map(String).join('.');
    if (field === 'declaredValueConfirmAbove') return { field, message: t('declaredValue.settingInvalid') };
    if (field === 'stationName')
      return {
        field,
        message: i.code === 'too_big' ? t('ui.settingsStationNameLong', { max: MAX_STATION_NAME_CHARS }) : t('ui.settingsStationName'),
      };
    if (field === 'customBaseUrl') return { field, message: t('ui.settingsUrl') };
    if (field === 'privateDocumentHosts')
      return { field, message: t('settings.documentHosts.tooMany', { max: MAX_PRIVATE_DOCUMENT_HOSTS }) };
    if (field.startsWith('privateDocumentHosts.'))
      return { field, message: t('settings.documentHosts.invalidSaved', { host: patch.privateDocumentHosts[Number(i.path[1])] ?? '' }) };
    if (field === 'scanner.burstMinChars')
      return { field, message: t('scanner.burstMinCharsInvalid', { min: SCAN_BURST_MIN_CHARS_LOWEST, max: SCAN_BURST_MIN_CHARS_HIGHEST }) };
    if (field === 'scanner.burstMaxGapMs')
      return {
        field,
        message: t('scanner.burstMaxGapMsInvalid', { min: SCAN_BURST_MAX_GAP_MS_LOWEST, max: SCAN_BURST_MAX_GAP_MS_HIGHEST }),
      };
    if (field.startsWith('shipFrom.')) return { field, message: partyIssues.get(field.slice('shipFrom.'.length)) ?? i.message };
    return { field, message: i.message };
  });
}

function partyPlaces(): string[] {
  return [
    'contact.firstName',
    'contact.lastName',
    'contact.phone',
    'contact.email',
    'address.streetLines.0',
    'address.streetLines.1',
    'address.city',
    'address.state',
    'address.postalCode',
    'address.countryCode',
  ].map((p) => `shipment.shipFrom.${p}`);
}
