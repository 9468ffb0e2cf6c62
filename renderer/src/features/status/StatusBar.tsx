import { useMixedTranslation } from '../../lib/english-text';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../../shared/domain/app';
import type { TrackingStatus } from '../../../../shared/domain/shipment-detail';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { describePrinter, usePrinterStatus } from '../printers/printer-status';
import { PackerOnDuty } from './PackerOnDuty';

/** Events carry every poller change; this is only the safety net. */
const STATUS_REFRESH_MS = 30_000;

/** `refreshKey` changes when the packer moves between screens: the printer is looked at again then (profiles have no event). */
export function StatusBar({ status, refreshKey }: { status: AppStatus | null; refreshKey?: string }) {
  const { t } = useTranslation();
  // The printer's own words (CUPS, the spooler) and its name are the station's English, not the packer's language.
  const mixed = useMixedTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [poller, setPoller] = useState<TrackingStatus | null>(null);
  const printer = describePrinter(usePrinterStatus(refreshKey).view, t);

  useEffect(() => {
    let live = true;
    const load = () => {
      void station.trackingStatus().then((r) => live && setPoller(r.ok ? r.value : null));
    };
    load();
    const timer = setInterval(load, STATUS_REFRESH_MS);
    const stop = station.subscribe((e) => {
      if (e.type === 'tracking:statusChanged') setPoller(e.payload);
      else if (e.type === 'app:statusChanged') load();
    });
    return () => {
      live = false;
      clearInterval(timer);
      stop();
    };
  }, [station]);

  const togglePoller = async () => {
    const r = poller?.state === 'paused' ? await station.trackingResume() : await station.trackingPause();
    if (r.ok) setPoller(r.value);
  };

  const pollerText =
    poller?.state === 'running'
      ? t('status.pollerRunning')
      : poller?.state === 'paused'
        ? t('status.pollerPaused')
        : poller?.state === 'backing_off'
          ? t('status.pollerBackingOff')
          : t('status.pollerUnknown');
  const environment = status ? t(`environment.${status.environment}`) : '—';
  const api = poller ? (poller.apiHealth === 'ok' ? 'ok' : 'down') : 'unknown';

  return (
    <footer className="status-bar" aria-label={t('status.label')} data-testid="status-bar">
      <span className="status-item status-shrink" title={environment}>
        <span className="status-key">{t('status.environment')}</span>
        <strong data-testid="status-environment">{environment}</strong>
      </span>
      <PackerOnDuty />
      <span className="status-item">
        <span className="status-key">{t('status.poller')}</span>
        <strong data-testid="status-poller" className={`dot dot-${poller?.state ?? 'unknown'}`}>
          {pollerText}
          {poller?.nextPollAt ? ` · ${t('status.nextPoll', { time: fmt.time(poller.nextPollAt) })}` : ''}
        </strong>
        {poller && poller.state !== 'stopped' && (
          <button type="button" className="link-button status-toggle" onClick={() => void togglePoller()}>
            {poller.state === 'paused' ? t('status.resume') : t('status.pause')}
          </button>
        )}
      </span>
      <span className="status-item">
        <span className="status-key">{t('status.api')}</span>
        <strong className={`dot dot-api-${api}`} data-testid="status-api">
          {api === 'ok' ? t('status.apiOk') : api === 'down' ? t('status.apiDown') : t('status.apiUnknown')}
        </strong>
      </span>
      {/* The last item is cut first when the bar is full: its title has the whole message and what to do. */}
      <span className="status-item">
        <span className="status-key">{t('status.printer')}</span>
        <strong
          className={`dot dot-printer-${printer.tone}`}
          data-testid="status-printer"
          title={printer.action ? `${printer.text} — ${printer.action}` : printer.text}
        >
          {mixed(printer.key, printer.params, ['name'])}
        </strong>
      </span>
    </footer>
  );
}
