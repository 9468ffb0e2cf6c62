/**
 * One wave as it goes: a progress bar, done / failed / remaining and the time
 * left, why it is paused, and pause / resume / cancel. Cancel asks first and
 * stops before the next label (a label in flight is never cut off).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaveView } from '../../../../shared/domain/waves';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';

const SECONDS_PER_MINUTE = 60;

export function WaveProgress({ wave, onChanged }: { wave: WaveView; onChanged: (view: WaveView) => void }) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [acting, setActing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { counts } = wave;
  const settled = counts.done + counts.failed + counts.skipped;
  const over = wave.state === 'finished' || wave.state === 'cancelled';

  const act = async (call: () => ReturnType<typeof station.wavesPause>) => {
    setActing(true);
    setError(null);
    const r = await call();
    setActing(false);
    setConfirmCancel(false);
    if (r.ok) onChanged(r.value);
    else setError(r.error.message);
  };

  const timeLeft = (): string => {
    if (wave.secondsLeft === null || wave.state !== 'running') return t('waves.timeUnknown');
    const total = Math.max(0, Math.round(wave.secondsLeft));
    const m = Math.floor(total / SECONDS_PER_MINUTE);
    const s = total % SECONDS_PER_MINUTE;
    return m > 0 ? t('waves.minutesSeconds', { m, s }) : t('waves.seconds', { s });
  };

  return (
    <div className="box wave-progress" data-testid="wave-progress" data-state={wave.state}>
      <div className="box-head">
        <h3>{t('waves.currentTitle', { date: fmt.dateTime(wave.createdAt) })}</h3>
        <span className={`wave-state wave-state-${wave.state}`} data-testid="wave-state">
          {t(`waves.states.${wave.state}`)}
        </span>
      </div>
      <progress
        className="wave-bar"
        max={Math.max(1, counts.total)}
        value={settled}
        aria-label={t('waves.progressLabel')}
        aria-valuetext={t('waves.progressText', { done: settled, total: counts.total })}
      />
      <p className="wave-bar-text">{t('waves.progressText', { done: settled, total: counts.total })}</p>
      <dl className="wave-counts">
        <div>
          <dt>{t('waves.counts.done')}</dt>
          <dd data-testid="wave-done">{fmt.number(counts.done)}</dd>
        </div>
        <div>
          <dt>{t('waves.counts.failed')}</dt>
          <dd data-testid="wave-failed">{fmt.number(counts.failed)}</dd>
        </div>
        {counts.skipped > 0 && (
          <div>
            <dt>{t('waves.counts.skipped')}</dt>
            <dd data-testid="wave-skipped">{fmt.number(counts.skipped)}</dd>
          </div>
        )}
        <div>
          <dt>{t('waves.counts.remaining')}</dt>
          <dd data-testid="wave-remaining">{fmt.number(counts.remaining)}</dd>
        </div>
        <div>
          <dt>{t('waves.counts.timeLeft')}</dt>
          <dd data-testid="wave-time-left">{timeLeft()}</dd>
        </div>
      </dl>
      {wave.labelsPerMinute !== null && wave.state === 'running' && (
        <p className="hint">{t('waves.pace', { rate: fmt.number(Math.round(wave.labelsPerMinute)) })}</p>
      )}
      {wave.current && wave.state === 'running' && (
        <p className="hint">{mixed('waves.now', { order: wave.current.orderNumber }, ['order'])}</p>
      )}
      {wave.state === 'paused' && wave.pause && (
        <p className={wave.pause.reason === 'printer' ? 'error' : 'wave-paused'} role="status" data-testid="wave-pause-reason">
          {mixed(`waves.pauseReasons.${wave.pause.reason}`, { message: wave.pause.message ?? '' }, ['message'])}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="wave-action-error">
          <EnglishText>{error}</EnglishText>
        </p>
      )}
      {!over && (
        <div className="toolbar wave-actions">
          {wave.state === 'running' && (
            <button type="button" className="button" disabled={acting} onClick={() => void act(() => station.wavesPause({ id: wave.id }))}>
              {t('waves.pause')}
            </button>
          )}
          {wave.state === 'paused' && (
            <button
              type="button"
              className="button primary"
              disabled={acting}
              onClick={() => void act(() => station.wavesResume({ id: wave.id }))}
            >
              {t('waves.resume')}
            </button>
          )}
          {!confirmCancel && (
            <button type="button" className="button danger" disabled={acting} onClick={() => setConfirmCancel(true)}>
              {t('waves.cancel')}
            </button>
          )}
        </div>
      )}
      {!over && confirmCancel && (
        <div role="alertdialog" aria-labelledby="wave-cancel-q" className="wave-confirm">
          <p id="wave-cancel-q">{t('waves.cancelConfirm')}</p>
          <div className="toolbar">
            <button
              type="button"
              className="button danger"
              disabled={acting}
              onClick={() => void act(() => station.wavesCancel({ id: wave.id }))}
            >
              {t('waves.cancelYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirmCancel(false)}>
              {t('waves.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
