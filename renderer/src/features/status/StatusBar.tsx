import { useMixedTranslation } from '../../lib/english-text';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../shared/contract';
import type { AppStatus } from '../../../../shared/domain/app';
import type { TrackingStatus } from '../../../../shared/domain/shipment-detail';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';

export interface PrinterSummary {
  name: string;
  ready: boolean;
  message: string | null;
}

/** The printer labels go to: the default profile's queue (or the system default), with the platform's word on its state. */
export async function loadPrinterSummary(station: StationApi): Promise<PrinterSummary | null> {
  const [profiles, printers] = await Promise.all([station.printProfilesList(), station.printersList()]);
  if (!profiles.ok) return null;
  const profile = profiles.value.profiles.find((p) => p.id === profiles.value.defaultProfileId) ?? profiles.value.profiles[0];
  if (!profile) return null;
  if (profile.mode === 'zpl-network') return { name: `${profile.host}:${profile.port}`, ready: true, message: null };
  const list = printers.ok ? printers.value : [];
  const printer = profile.printer === null ? list.find((p) => p.isDefault) : list.find((p) => p.name === profile.printer);
  if (!printer) return { name: profile.printer ?? profile.name, ready: false, message: printers.ok ? null : printers.error.message };
  const ready = printer.state !== 'paused' && printer.accepting !== false;
  return { name: printer.name, ready, message: printer.message };
}

/** Events carry every change; this is only the safety net for the printer, which has no event. */
const STATUS_REFRESH_MS = 30_000;

/** `refreshKey` changes when the packer moves between screens: the printer is looked at again then (profiles have no event). */
export function StatusBar({ status, refreshKey }: { status: AppStatus | null; refreshKey?: string }) {
  const { t } = useTranslation();
  // The printer's own words (CUPS, the spooler) and its name are the station's English, not the packer's language.
  const mixed = useMixedTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [poller, setPoller] = useState<TrackingStatus | null>(null);
  const [printer, setPrinter] = useState<PrinterSummary | null>(null);

  useEffect(() => {
    let live = true;
    void loadPrinterSummary(station).then((p) => live && setPrinter(p));
    return () => {
      live = false;
    };
  }, [station, refreshKey]);

  useEffect(() => {
    let live = true;
    const load = () => {
      void station.trackingStatus().then((r) => live && setPoller(r.ok ? r.value : null));
      void loadPrinterSummary(station).then((p) => live && setPrinter(p));
    };
    load();
    const timer = setInterval(load, STATUS_REFRESH_MS);
    const stop = station.subscribe((e) => {
      if (e.type === 'tracking:statusChanged') setPoller(e.payload);
      else if (e.type === 'app:statusChanged' || e.type === 'settings:changed') load();
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
  const api = poller ? (poller.apiHealth === 'ok' ? 'ok' : 'down') : 'unknown';

  return (
    <footer className="status-bar" aria-label={t('status.label')} data-testid="status-bar">
      <span className="status-item">
        <span className="status-key">{t('status.environment')}</span>
        <strong data-testid="status-environment">{status ? t(`environment.${status.environment}`) : '—'}</strong>
      </span>
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
      <span className="status-item">
        <span className="status-key">{t('status.printer')}</span>
        <strong className={`dot dot-printer-${printer ? (printer.ready ? 'ok' : 'down') : 'unknown'}`} data-testid="status-printer">
          {!printer
            ? t('status.printerNone')
            : printer.ready
              ? t('status.printerReady', { name: printer.name })
              : mixed(
                  'status.printerProblem',
                  { name: printer.name, message: printer.message ?? t('status.printerMissing') },
                  printer.message ? ['name', 'message'] : ['name'],
                )}
        </strong>
      </span>
    </footer>
  );
}
