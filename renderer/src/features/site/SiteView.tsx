/**
 * The site view (issue 15, admin): the stations on the warehouse database
 * (connected or not, which ones poll tracking), the database's reachability
 * and round trip, and this computer's clock against the database's. Refreshes
 * on its own while open.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteView as Site } from '../../../../shared/domain/warehouse';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';
import { useFormat, useNow } from '../../lib/format';
import { useStation } from '../../lib/station-context';

/** Often enough to see a station drop out (heartbeats are seconds apart), rarely enough to cost the database nothing. */
export const SITE_REFRESH_MS = 5_000;
const NOW_TICK_MS = 30_000;

export function SiteView() {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const format = useFormat();
  const station = useStation();
  const now = useNow(NOW_TICK_MS);
  const [site, setSite] = useState<Site | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await station.siteView();
    return r;
  }, [station]);
  const apply = useCallback((r: Awaited<ReturnType<typeof load>>) => {
    if (r.ok) {
      setSite(r.value);
      setError(null);
    } else setError(r.error.message);
  }, []);

  useEffect(() => {
    let live = true;
    const refresh = () => void load().then((r) => live && apply(r));
    refresh();
    const timer = setInterval(refresh, SITE_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [load, apply]);

  const ms = (v: number | null) => (v === null ? t('warehouse.site.unknown') : t('warehouse.site.ms', { value: format.number(Math.round(v)) }));

  return (
    <section aria-labelledby="site-title" className="site-view">
      <h2 id="site-title" className="view-title">
        {t('warehouse.site.title')}
      </h2>
      <p className="hint">{t('warehouse.site.intro', { seconds: SITE_REFRESH_MS / 1000 })}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void load().then(apply)}>
          {t('warehouse.site.refresh')}
        </button>
      </div>
      <p className="error" role="alert">
        {error && <EnglishText>{error}</EnglishText>}
      </p>
      {!site && !error && <p>{t('warehouse.site.loading')}</p>}
      {site?.mode === 'sqlite' && <p data-testid="site-sqlite">{mixed('warehouse.site.sqlite', { location: site.location }, ['location'])}</p>}
      {site?.mode === 'warehouse' && (
        <>
          <dl className="site-facts" data-testid="site-database">
            <dt>{t('warehouse.site.database')}</dt>
            <dd>
              <code>{site.location}</code> ·{' '}
              <strong className={site.reachable ? 'ok-text' : 'error'}>
                {site.reachable ? t('warehouse.site.reachable') : t('warehouse.site.unreachable')}
              </strong>
              {site.message && (
                <>
                  {' '}
                  <EnglishText>{site.message}</EnglishText>
                </>
              )}
            </dd>
            <dt>{t('warehouse.site.lag')}</dt>
            <dd>{ms(site.lagMs)}</dd>
            <dt>{t('warehouse.site.clockOffset')}</dt>
            <dd>{ms(site.clockOffsetMs)}</dd>
          </dl>
          <h3>{t('warehouse.site.stations')}</h3>
          {site.stations.length === 0 ? (
            <p>{t('warehouse.site.none')}</p>
          ) : (
            <table className="table" data-testid="site-stations">
              <thead>
                <tr>
                  <th scope="col">{t('warehouse.site.columns.name')}</th>
                  <th scope="col">{t('warehouse.site.columns.state')}</th>
                  <th scope="col">{t('warehouse.site.columns.polling')}</th>
                  <th scope="col">{t('warehouse.site.columns.polls')}</th>
                  <th scope="col">{t('warehouse.site.columns.lastSeen')}</th>
                  <th scope="col">{t('warehouse.site.columns.version')}</th>
                </tr>
              </thead>
              <tbody>
                {site.stations.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {s.name}
                      {s.id === site.thisStationId && <> {t('warehouse.site.thisStation')}</>}
                    </th>
                    <td className={s.connected ? 'ok-text' : 'warn-text'}>{s.connected ? t('warehouse.site.connected') : t('warehouse.site.gone')}</td>
                    <td>{s.polling ? t('warehouse.site.pollingNow') : t('warehouse.site.notPolling')}</td>
                    <td>{format.number(s.polls)}</td>
                    <td title={format.utc(s.lastSeenAt)}>{format.activity(s.lastSeenAt, now)}</td>
                    <td>{s.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
