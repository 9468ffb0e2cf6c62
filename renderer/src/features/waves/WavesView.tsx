/**
 * The Waves screen (issue 13): choose ready orders and their order, start a
 * wave, follow it, pause / resume / cancel it, fix and retry its failures,
 * and see recent waves. Everything on it is read from the station, so
 * leaving the screen (or restarting the station) loses nothing.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { NewWave } from './NewWave';
import { useWaves } from './use-waves';
import { WaveFailures } from './WaveFailures';
import { WaveProgress } from './WaveProgress';
import './waves.css';

export function WavesView() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { waves, current, error, select, show } = useWaves();
  const running = waves?.some((w) => w.state === 'running') ?? false;

  return (
    <section aria-labelledby="waves-title" className="waves">
      <h2 id="waves-title" className="view-title">
        {t('waves.title')}
      </h2>
      <p className="hint">{t('waves.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="waves-columns">
        <div>
          {current ? (
            <>
              <WaveProgress wave={current} onChanged={show} />
              <WaveFailures key={current.id} wave={current} onChanged={show} />
            </>
          ) : (
            waves && <p className="empty">{t('waves.noWave')}</p>
          )}
          <NewWave busy={running} onStarted={show} />
        </div>
        {waves && waves.length > 0 && (
          <div className="box wave-recent">
            <h3>{t('waves.recentTitle')}</h3>
            <ul>
              {waves.map((w) => (
                <li key={w.id}>
                  <button
                    type="button"
                    className="link-button"
                    aria-current={current?.id === w.id ? 'true' : undefined}
                    onClick={() => select(w.id)}
                  >
                    {t('waves.recentItem', {
                      date: fmt.dateTime(w.createdAt),
                      state: t(`waves.states.${w.state}`),
                      done: w.counts.done,
                      total: w.counts.total,
                      failed: w.counts.failed,
                    })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
