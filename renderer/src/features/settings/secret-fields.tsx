import { useState, type FormEvent, type ReactNode } from 'react';
import { EnglishText } from '../../lib/english-text';
import { useTranslation } from 'react-i18next';
import type { SettingsView as Settings, TokenProtection } from '../../../../shared/domain/settings';
import { useStation } from '../../lib/station-context';

/** Anything short of the OS keychain (or an admin's environment variable) deserves a visible nudge. */
const WEAK: ReadonlySet<TokenProtection> = new Set(['obfuscated', 'plain-file', 'session-only']);

/** One short line on how the API token is kept at rest; nothing when there is no token. */
export function TokenProtectionLine({ protection }: { protection: TokenProtection }) {
  const { t } = useTranslation();
  if (protection === 'none') return null;
  return (
    <p data-testid="token-protection" className={WEAK.has(protection) ? 'warn-text' : 'hint'}>
      {t(`settings.tokenProtection.${protection}`)}
    </p>
  );
}

type Feedback = { kind: 'ok' | 'error'; text: ReactNode };

/**
 * Write-only Flash Americas API key and webhook secret: like the token box,
 * each value is sent once, the box is emptied whatever the answer, and only
 * "set"/"not set" ever comes back. An empty box leaves the saved value alone.
 */
export function FlashAmericasCredentials({
  saved,
  onSaved,
  onNote,
}: {
  saved: Settings;
  onSaved: (view: Settings) => void;
  onNote: (note: Feedback) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const [apiKey, setApiKey] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');

  const send = async (credentials: { apiKey?: string | null; webhookSecret?: string | null }) => {
    const r = await station.settingsSetFlashAmericasCredentials(credentials);
    setApiKey('');
    setWebhookSecret('');
    if (r.ok) {
      onSaved(r.value);
      onNote({ kind: 'ok', text: t('settings.faSaved') });
    } else onNote({ kind: 'error', text: <EnglishText>{r.error.fields?.[0]?.message ?? r.error.message}</EnglishText> });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send({
      ...(apiKey.trim() === '' ? {} : { apiKey }),
      ...(webhookSecret.trim() === '' ? {} : { webhookSecret }),
    });
  };

  const state = (set: boolean) => (set ? t('settings.tokenSet') : t('settings.tokenNotSet'));
  return (
    <form className="box token-box" onSubmit={submit}>
      <h3>{t('settings.faTitle')}</h3>
      <p className="hint">{t('settings.faHint')}</p>
      <div className="row-item">
        <label className="field grow">
          <span>{t('settings.faApiKey')}</span>
          <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" spellCheck={false} />
          <span className="hint" data-testid="fa-key-state">
            {state(saved.hasFlashAmericasKey)}
          </span>
        </label>
        {saved.hasFlashAmericasKey && (
          <button type="button" className="button" onClick={() => void send({ apiKey: null })}>
            {t('settings.faClearKey')}
          </button>
        )}
      </div>
      <div className="row-item">
        <label className="field grow">
          <span>{t('settings.faWebhookSecret')}</span>
          <input
            type="password"
            value={webhookSecret}
            onChange={(e) => setWebhookSecret(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <span className="hint" data-testid="fa-secret-state">
            {state(saved.hasFlashAmericasWebhookSecret)}
          </span>
        </label>
        {saved.hasFlashAmericasWebhookSecret && (
          <button type="button" className="button" onClick={() => void send({ webhookSecret: null })}>
            {t('settings.faClearSecret')}
          </button>
        )}
      </div>
      <div>
        <button type="submit" className="button" disabled={apiKey.trim() === '' && webhookSecret.trim() === ''}>
          {t('settings.faSave')}
        </button>
      </div>
    </form>
  );
}
