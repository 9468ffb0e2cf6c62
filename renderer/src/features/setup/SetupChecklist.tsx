import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../lib/station-context';
import { useMixedTranslation } from '../../lib/english-text';
import { describePrinter, usePrinterStatus } from '../printers/printer-status';

/**
 * First launch leads to a printed label: on the screen where the packer
 * starts, what is still missing before the first label (the warehouse
 * address, a label printer that works), each with a way to fix it. It goes
 * away once both are done, and comes back if the printer stops working.
 */
export function SetupChecklist({ onNavigate }: { onNavigate(view: 'settings' | 'printers'): void }) {
  const { t } = useTranslation();
  // The printer's name (or the profile's, "Label printer") is not in the packer's language.
  const mixed = useMixedTranslation();
  const station = useStation();
  const [shipFromSet, setShipFromSet] = useState<boolean | null>(null);
  const { view } = usePrinterStatus();

  useEffect(() => {
    let live = true;
    const load = () =>
      void station.settingsGet().then((r) => {
        if (live && r.ok) setShipFromSet(r.value.shipFrom !== null);
      });
    load();
    const stop = station.subscribe((e) => {
      if (e.type === 'settings:changed' && e.payload.fields.includes('shipFrom')) load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [station]);

  // Nothing is said until both answers are in, so a ready bench never sees the list flash.
  if (shipFromSet === null || view === null) return null;
  const printer = describePrinter(view, t);
  const printerOk = view.profileId !== null && view.status.level !== 'fault';
  if (shipFromSet && printerOk) return null;
  const name = view.status.target ?? view.profileName ?? '';

  return (
    <section className="box setup-checklist" aria-labelledby="setup-title" data-testid="setup-checklist">
      <h3 id="setup-title">{t('setup.title')}</h3>
      <ol className="setup-steps">
        <li className={shipFromSet ? 'setup-done' : 'setup-todo'} data-testid="setup-ship-from" data-done={shipFromSet}>
          <span aria-hidden="true">{shipFromSet ? '✔' : '○'}</span> {shipFromSet ? t('setup.shipFromDone') : t('setup.shipFrom')}
          {!shipFromSet && (
            <button type="button" className="link-button" onClick={() => onNavigate('settings')}>
              {t('setup.openSettings')}
            </button>
          )}
        </li>
        <li className={printerOk ? 'setup-done' : 'setup-todo'} data-testid="setup-printer" data-done={printerOk}>
          <span aria-hidden="true">{printerOk ? '✔' : '○'}</span>{' '}
          {printerOk
            ? mixed('setup.printerDone', { name }, ['name'])
            : view.profileId === null
              ? t('setup.printer')
              : mixed('setup.printerProblem', { name, problem: t(`printerStatus.faults.${printer.fault ?? 'other'}`) }, ['name'])}
          {!printerOk && printer.action && <span className="hint"> {printer.action}</span>}
          {!printerOk && (
            <button type="button" className="link-button" onClick={() => onNavigate('printers')}>
              {t('setup.openPrinters')}
            </button>
          )}
        </li>
      </ol>
    </section>
  );
}
