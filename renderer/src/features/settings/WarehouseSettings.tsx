/**
 * Settings › Warehouse database (issue 15): the connection to the site's
 * PostgreSQL (host, port, database, user, or a connection URL; TLS mode and
 * CA file), its password write-only like the API token, "Test connection"
 * that says what to fix, and "Move this station in". The saved connection is
 * used at the next start (said so); the environment variable wins (said so).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveInReport } from '../../../../shared/domain/move-in';
import {
  WAREHOUSE_SSL_MODES,
  type ConnectReason,
  type WarehouseConnectionArgs,
  type WarehouseSettings as Saved,
  type WarehouseSettingsView,
} from '../../../../shared/domain/warehouse';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';
import { useStation } from '../../lib/station-context';

const DEFAULT_PORT = 5432;
type SslChoice = '' | (typeof WAREHOUSE_SSL_MODES)[number];
type Field = 'host' | 'port' | 'database' | 'user' | 'url' | 'caFile';
/** Where the reason goes in the outer sentence (a private-use character no message contains). */
const REASON_SLOT = '\uE001';

/** `reason`: what Test connection found, said in the screen's language (`english` is then only for its lang-less fallback). */
type Feedback = { kind: 'ok' | 'error'; text: string; english?: string; reason?: ConnectReason } | null;

interface Draft {
  by: 'parts' | 'url';
  host: string;
  port: string;
  database: string;
  user: string;
  url: string;
  sslmode: SslChoice;
  caFile: string;
}

const EMPTY: Draft = { by: 'parts', host: '', port: String(DEFAULT_PORT), database: '', user: '', url: '', sslmode: '', caFile: '' };

function draftOf(saved: Saved | null): Draft {
  if (!saved) return EMPTY;
  return {
    by: saved.url ? 'url' : 'parts',
    host: saved.host ?? '',
    port: String(saved.port ?? DEFAULT_PORT),
    database: saved.database ?? '',
    user: saved.user ?? '',
    url: saved.url ?? '',
    sslmode: saved.sslmode ?? '',
    caFile: saved.caFile ?? '',
  };
}

/** The fields a person left out, before anything is sent. */
function missingFields(d: Draft): Field[] {
  if (d.by === 'url') return /^postgres(ql)?:\/\//.test(d.url.trim()) ? [] : ['url'];
  const port = Number(d.port.trim());
  return [
    ...(d.host.trim() === '' ? (['host'] as const) : []),
    ...(!Number.isInteger(port) || port < 1 || port > 65_535 ? (['port'] as const) : []),
    ...(d.database.trim() === '' ? (['database'] as const) : []),
    ...(d.user.trim() === '' ? (['user'] as const) : []),
  ];
}

function toSaved(d: Draft): Saved {
  const verify = d.sslmode === 'verify-ca' || d.sslmode === 'verify-full' || d.sslmode === '';
  const caFile = verify && d.caFile.trim() !== '' ? d.caFile.trim() : null;
  if (d.by === 'url') return { url: d.url.trim(), host: null, port: null, database: null, user: null, sslmode: d.sslmode || null, caFile };
  return {
    url: null,
    host: d.host.trim(),
    port: Number(d.port.trim()),
    database: d.database.trim(),
    user: d.user.trim(),
    sslmode: d.sslmode || null,
    caFile,
  };
}

export function WarehouseSettings({ onOpenSite }: { onOpenSite?: () => void }) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const station = useStation();
  const [view, setView] = useState<WarehouseSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<Map<Field, string>>(new Map());
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState<null | 'test' | 'save' | 'move'>(null);
  const [report, setReport] = useState<MoveInReport | null>(null);

  const adopt = (v: WarehouseSettingsView) => {
    setView(v);
    setDraft(draftOf(v.saved));
  };

  useEffect(() => {
    let live = true;
    void station.warehouseSettings().then((r) => live && r.ok && adopt(r.value));
    return () => {
      live = false;
    };
  }, [station]);

  if (!view) return null;

  /** "It works: …" around the reason in this screen's language; only the server's own words (`detail`) stay English. */
  const withReason = (outer: string, reason: ConnectReason) => {
    const [before = '', after = ''] = t(outer as 'errors.generic', { message: REASON_SLOT }).split(REASON_SLOT);
    return (
      <>
        {before}
        {mixed(`warehouse.connect.${reason.key}`, reason.params, ['detail'])}
        {after}
      </>
    );
  };

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setInvalid((m) => {
      const next = new Map(m);
      for (const k of Object.keys(patch)) next.delete(k as Field);
      return next;
    });
  };

  /** Marks what is missing in the packer's language; false when something is. */
  const check = (): boolean => {
    const missing = missingFields(draft);
    if (missing.length === 0) return true;
    setInvalid(new Map(missing.map((f) => [f, t(`warehouse.missing.${f as 'host'}`)])));
    setFeedback({ kind: 'error', text: t('warehouse.fixErrors') });
    document.getElementById(`warehouse-${missing[0]}`)?.focus();
    return false;
  };

  const test = async () => {
    setFeedback(null);
    if (!check()) return;
    setBusy('test');
    const saved = toSaved(draft);
    const args: WarehouseConnectionArgs = {
      ...(saved.url ? { url: saved.url } : { host: saved.host!, port: saved.port!, database: saved.database!, user: saved.user! }),
      ...(saved.sslmode ? { sslmode: saved.sslmode } : {}),
      ...(saved.caFile ? { caFile: saved.caFile } : {}),
      ...(password !== '' ? { password } : { useSavedPassword: true }),
    };
    const r = await station.warehouseTestConnection(args);
    setBusy(null);
    if (!r.ok) return setFeedback({ kind: 'error', text: '', english: r.error.message });
    setFeedback({
      kind: r.value.ok ? 'ok' : 'error',
      text: r.value.ok ? 'warehouse.testOk' : 'warehouse.testFailed',
      english: r.value.message,
      ...(r.value.reason ? { reason: r.value.reason } : {}),
    });
  };

  const save = async (connection: Saved | null) => {
    setFeedback(null);
    setBusy('save');
    const r = await station.warehouseSaveSettings({ connection, ...(connection && password !== '' ? { password } : {}) });
    setBusy(null);
    setPassword('');
    if (!r.ok) {
      const fields = (r.error.fields ?? []).filter((f): f is { field: Field; message: string } =>
        ['host', 'port', 'database', 'user', 'url', 'caFile'].includes(f.field),
      );
      setInvalid(new Map(fields.map((f) => [f.field, f.message])));
      return setFeedback({ kind: 'error', text: '', english: r.error.message });
    }
    adopt(r.value);
    setFeedback({ kind: 'ok', text: t('warehouse.saved') });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (check()) void save(toSaved(draft));
  };

  const moveIn = async () => {
    setFeedback(null);
    setReport(null);
    setBusy('move');
    const r = await station.warehouseMoveIn();
    setBusy(null);
    if (!r.ok) return setFeedback({ kind: 'error', text: '', english: r.error.message });
    setReport(r.value);
  };

  const field = (name: Exclude<Field, 'url' | 'caFile'>, extra: { hint?: string; narrow?: boolean; numeric?: boolean } = {}) => {
    const described = [extra.hint ? `warehouse-${name}-hint` : null, invalid.has(name) ? `warehouse-${name}-error` : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="field">
        <label htmlFor={`warehouse-${name}`}>{t(`warehouse.${name}`)}</label>
        <input
          id={`warehouse-${name}`}
          className={extra.narrow ? 'narrow-input' : undefined}
          inputMode={extra.numeric ? 'numeric' : undefined}
          value={draft[name]}
          onChange={(e) => set({ [name]: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid.has(name) || undefined}
          aria-describedby={described || undefined}
        />
        {extra.hint && (
          <span className="hint" id={`warehouse-${name}-hint`}>
            {extra.hint}
          </span>
        )}
        {invalid.has(name) && (
          <span className="field-error" id={`warehouse-${name}-error`}>
            {invalid.get(name)}
          </span>
        )}
      </div>
    );
  };

  const verify = draft.sslmode === '' || draft.sslmode === 'verify-ca' || draft.sslmode === 'verify-full';
  const running = view.running;
  return (
    <section className="box warehouse-settings" aria-labelledby="warehouse-title">
      <h3 id="warehouse-title">{t('warehouse.title')}</h3>
      <p className="hint">{t('warehouse.intro')}</p>
      <p data-testid="warehouse-running">
        {running.mode === 'sqlite'
          ? mixed('warehouse.running.sqlite', { location: running.location }, ['location'])
          : mixed(`warehouse.running.${running.source ?? 'settings'}`, { location: running.location, variable: view.environmentVariable }, [
              'location',
              'variable',
            ])}
      </p>
      {view.environmentSet && (
        <p className="notice" data-testid="warehouse-env">
          {mixed('warehouse.environmentWins', { variable: view.environmentVariable }, ['variable'])}
        </p>
      )}
      {view.restartNeeded && (
        <p className="notice" data-testid="warehouse-restart">
          {view.saved ? t('warehouse.restartToConnect') : t('warehouse.restartToLeave')}
        </p>
      )}
      {running.mode === 'warehouse' && (
        <div data-testid="warehouse-shared">
          <h4>{t('warehouse.shared.title')}</h4>
          <p className="hint">{t('warehouse.shared.site')}</p>
          <p className="hint">{t('warehouse.shared.station')}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="warehouse-title">
        <fieldset className="radio-group">
          <legend>{t('warehouse.connectBy')}</legend>
          {(['parts', 'url'] as const).map((by) => (
            <label key={by} className="field check">
              <input type="radio" name="warehouse-by" checked={draft.by === by} onChange={() => set({ by })} />
              <span>{t(by === 'parts' ? 'warehouse.byParts' : 'warehouse.byUrl')}</span>
            </label>
          ))}
        </fieldset>
        {draft.by === 'parts' ? (
          <>
            {field('host', { hint: t('warehouse.hostHint') })}
            {field('port', { narrow: true, numeric: true })}
            {field('database')}
            {field('user')}
          </>
        ) : (
          <div className="field">
            <label htmlFor="warehouse-url">{t('warehouse.url')}</label>
            <input
              id="warehouse-url"
              value={draft.url}
              onChange={(e) => set({ url: e.target.value })}
              placeholder="postgresql://"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid.has('url') || undefined}
              aria-describedby={invalid.has('url') ? 'warehouse-url-hint warehouse-url-error' : 'warehouse-url-hint'}
            />
            <span className="hint" id="warehouse-url-hint">
              {t('warehouse.urlHint')}
            </span>
            {invalid.has('url') && (
              <span className="field-error" id="warehouse-url-error">
                <EnglishText>{invalid.get('url')}</EnglishText>
              </span>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor="warehouse-password">{t('warehouse.password')}</label>
          <input
            id="warehouse-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            spellCheck={false}
            aria-describedby="warehouse-password-state"
          />
          <span className="hint" id="warehouse-password-state" data-testid="warehouse-password-state">
            {view.hasPassword ? t('warehouse.passwordKept') : t('warehouse.passwordNone')}{' '}
            {view.hasPassword && t(`warehouse.passwordProtection.${view.passwordProtection}`)}
          </span>
        </div>
        <div className="field">
          <label htmlFor="warehouse-sslmode">{t('warehouse.tls')}</label>
          <select id="warehouse-sslmode" value={draft.sslmode} onChange={(e) => set({ sslmode: e.target.value as SslChoice })}>
            <option value="">{t('warehouse.tlsModes.auto')}</option>
            {WAREHOUSE_SSL_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`warehouse.tlsModes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        {verify && (
          <div className="field">
            <label htmlFor="warehouse-caFile">{t('warehouse.caFile')}</label>
            <input
              id="warehouse-caFile"
              value={draft.caFile}
              onChange={(e) => set({ caFile: e.target.value })}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid.has('caFile') || undefined}
              aria-describedby={invalid.has('caFile') ? 'warehouse-caFile-hint warehouse-caFile-error' : 'warehouse-caFile-hint'}
            />
            <span className="hint" id="warehouse-caFile-hint">
              {t('warehouse.caFileHint')}
            </span>
            {invalid.has('caFile') && (
              <span className="field-error" id="warehouse-caFile-error">
                <EnglishText>{invalid.get('caFile')}</EnglishText>
              </span>
            )}
          </div>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={() => void test()} disabled={busy !== null}>
            {busy === 'test' ? t('warehouse.testing') : t('warehouse.test')}
          </button>
          <button type="submit" className="button primary" disabled={busy !== null}>
            {t('warehouse.save')}
          </button>
          {view.saved && (
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => {
                if (window.confirm(t('warehouse.forgetConfirm'))) void save(null);
              }}
            >
              {t('warehouse.forget')}
            </button>
          )}
        </div>
      </form>
      <p className="ok-text" aria-live="polite" data-testid="warehouse-note">
        {feedback?.kind === 'ok' &&
          (feedback.reason
            ? withReason(feedback.text, feedback.reason)
            : feedback.english !== undefined
              ? mixed(feedback.text, { message: feedback.english }, ['message'])
              : feedback.text)}
      </p>
      <p className="error" aria-live="assertive" data-testid="warehouse-error">
        {feedback?.kind === 'error' &&
          (feedback.reason ? (
            withReason(feedback.text, feedback.reason)
          ) : feedback.english === undefined ? (
            feedback.text
          ) : feedback.text === '' ? (
            <EnglishText>{feedback.english}</EnglishText>
          ) : (
            mixed(feedback.text, { message: feedback.english }, ['message'])
          ))}
      </p>
      {(view.saved || running.mode === 'warehouse') && (
        <div className="warehouse-move-in">
          <h4>{t('warehouse.moveIn.title')}</h4>
          <p className="hint">{t('warehouse.moveIn.hint')}</p>
          <button type="button" className="button" onClick={() => void moveIn()} disabled={busy !== null}>
            {busy === 'move' ? t('warehouse.moveIn.running') : t('warehouse.moveIn.button')}
          </button>
          {report && <MoveInSummary report={report} />}
        </div>
      )}
      {running.mode === 'warehouse' && onOpenSite && (
        <div className="actions">
          <button type="button" className="button" onClick={onOpenSite}>
            {t('warehouse.openSite')}
          </button>
        </div>
      )}
    </section>
  );
}

function MoveInSummary({ report }: { report: MoveInReport }) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const sum = (k: 'copied' | 'alreadyThere' | 'keptWarehouse' | 'conflicts') => report.tables.reduce((n, row) => n + row[k], 0);
  return (
    <div data-testid="move-in-report" aria-live="polite">
      {report.moved ? (
        <p className="ok-text">
          {t('warehouse.moveIn.done', {
            copied: sum('copied'),
            already: sum('alreadyThere'),
            kept: sum('keptWarehouse'),
            conflicts: sum('conflicts'),
          })}
        </p>
      ) : (
        <p className="error">{t('warehouse.moveIn.stopped', { count: report.labels.unfinished.length })}</p>
      )}
      {report.labels.leftForReprint > 0 && <p>{t('warehouse.moveIn.reprint', { count: report.labels.leftForReprint })}</p>}
      {report.labels.unfinished.length > 0 && (
        <ul>
          {report.labels.unfinished.map((u) => (
            <li key={`${u.shipmentId}-${u.attempt}`}>
              {mixed('warehouse.moveIn.unfinished', { order: u.orderNumber ?? u.shipmentId, state: u.state, reason: u.reason }, [
                'reason',
                'state',
              ])}
            </li>
          ))}
        </ul>
      )}
      {report.moved && report.tables.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('warehouse.moveIn.table')}</th>
              <th scope="col">{t('warehouse.moveIn.found')}</th>
              <th scope="col">{t('warehouse.moveIn.copied')}</th>
              <th scope="col">{t('warehouse.moveIn.alreadyThere')}</th>
              <th scope="col">{t('warehouse.moveIn.keptWarehouse')}</th>
              <th scope="col">{t('warehouse.moveIn.conflicts')}</th>
            </tr>
          </thead>
          <tbody>
            {report.tables.map((row) => (
              <tr key={row.table}>
                <th scope="row">
                  <code>{row.table}</code>
                </th>
                <td>{row.found}</td>
                <td>{row.copied}</td>
                <td>{row.alreadyThere}</td>
                <td>{row.keptWarehouse}</td>
                <td>{row.conflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
