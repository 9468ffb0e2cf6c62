import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMixedTranslation } from '../../lib/english-text';
import { ScaleLine } from './ScaleLine';
import { useScale } from './use-scale';

/**
 * Settings → Shipping scale: choose it once (Chromium's chooser in browser
 * mode; in the app the main process answers it), see it live, forget it.
 */
export function ScaleSettings() {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const { view, choose, forget } = useScale();
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: ReactNode } | null>(null);
  const [busy, setBusy] = useState(false);

  const onChoose = async () => {
    setBusy(true);
    setNote(null);
    const r = await choose();
    setBusy(false);
    if (r.kind === 'none-found') setNote({ kind: 'error', text: t('scale.noneFound') });
    else if (r.kind === 'failed') setNote({ kind: 'error', text: mixed('scale.chooseFailed', { message: r.message }, ['message']) });
  };
  const onForget = async () => {
    await forget();
    setNote({ kind: 'ok', text: t('scale.forgotten') });
  };

  return (
    <section className="box scale-settings" aria-labelledby="scale-settings-title" data-testid="scale-settings">
      <h3 id="scale-settings-title">{t('scale.settingsTitle')}</h3>
      <p className="hint">{t('scale.settingsHint')}</p>
      {view.kind === 'scale' && <p data-testid="scale-chosen">{mixed('scale.current', { name: view.name }, ['name'])}</p>}
      <ScaleLine view={view} live={false} />
      {view.kind !== 'unsupported' && (
        <div className="row-item">
          <button type="button" className="button" disabled={busy} onClick={() => void onChoose()}>
            {t('scale.choose')}
          </button>
          {view.kind === 'scale' && (
            <button type="button" className="button" onClick={() => void onForget()}>
              {t('scale.forget')}
            </button>
          )}
        </div>
      )}
      {note && (
        <p
          className={note.kind === 'error' ? 'error' : 'ok-text'}
          role={note.kind === 'error' ? 'alert' : undefined}
          data-testid="scale-note"
        >
          {note.text}
        </p>
      )}
    </section>
  );
}
