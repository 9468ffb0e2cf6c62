import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../shared/domain/app';
import type { Language } from '../../../shared/domain/settings';
import { DEFAULT_SCANNER_SETTINGS, type ScannerSettings } from '../../../shared/domain/scanner';
import { useStation } from '../lib/station-context';
import { localeOf } from '../i18n';
import { ShipmentsView } from '../features/shipments/ShipmentsView';
import { ShipmentDetail } from '../features/shipment-detail/ShipmentDetail';
import { SiteView } from '../features/site/SiteView';
import { SettingsView } from '../features/settings/SettingsView';
import { CreateLabelView } from '../features/create-label/CreateLabelView';
import { PrintersView } from '../features/printers/PrintersView';
import { OrdersView } from '../features/orders/OrdersView';
import { PackView, type PackHandle } from '../features/orders/PackView';
import { ImportView } from '../features/orders/ImportView';
import { CommandSheetView } from '../features/orders/CommandSheetView';
import { PackSetupView } from '../features/pack-setup/PackSetupView';
import { ScaleWeightSource } from '../features/scale/ScaleWeightSource';
import { WavesView } from '../features/waves/WavesView';
import { EndOfDayView } from '../features/end-of-day/EndOfDayView';
import { ScanBox, type ScanBoxHandle } from '../features/scan/ScanBox';
import { ScanToast, ScanToastProvider } from '../features/scan/ScanToast';
import { useScannerCapture, type ScanAlternative } from '../features/scan/use-scanner-capture';
import { StatusBar } from '../features/status/StatusBar';
import { LanguageSwitch } from '../features/status/LanguageSwitch';
import { NotificationToasts } from '../features/status/NotificationToasts';
import { NAV_VIEWS, navViewOf, type NavView, type Route } from './navigation';
import './app.css';

/** Kept for callers that name the four tabs. */
export const VIEWS = NAV_VIEWS;
export type View = NavView;

const SCAN_SHORTCUT_KEY = 'F2';

export function App({ initialView = 'create' }: { initialView?: View }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [route, setRoute] = useState<Route>({ view: initialView });
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [reprintOnRescan, setReprintOnRescan] = useState(false);
  const [scanner, setScanner] = useState<ScannerSettings>(DEFAULT_SCANNER_SETTINGS);
  const scanRef = useRef<HTMLInputElement>(null);
  const scanBox = useRef<ScanBoxHandle>(null);
  const pack = useRef<PackHandle>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void station.appStatus().then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    load();
    const stop = station.subscribe((e) => {
      if (e.type === 'app:statusChanged') load();
      // The desktop shell asks for a screen: a clicked notification or tray item.
      if (e.type === 'app:navigate')
        setRoute(e.payload.view === 'shipment' ? { view: 'shipment', id: e.payload.id } : { view: e.payload.view });
    });
    return () => {
      live = false;
      stop();
    };
  }, [station]);

  // The saved language wins over the system locale; `null` means "follow the system".
  useEffect(() => {
    let live = true;
    void station.settingsGet().then((r) => {
      if (!live || !r.ok) return;
      if (r.value.language && r.value.language !== i18n.language) void i18n.changeLanguage(r.value.language);
    });
    return () => {
      live = false;
    };
  }, [station, i18n]);

  // Scan settings apply as soon as they are saved (here or in another window).
  useEffect(() => {
    let live = true;
    const load = () =>
      void station.settingsGet().then((r) => {
        if (!live || !r.ok) return;
        setReprintOnRescan(r.value.scanReprint);
        setScanner(r.value.scanner);
      });
    load();
    const stop = station.subscribe((e) => {
      if (e.type === 'settings:changed') load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [station]);

  useEffect(() => {
    document.documentElement.lang = localeOf(i18n.language);
  }, [i18n.language]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== SCAN_SHORTCUT_KEY) return;
      e.preventDefault();
      scanRef.current?.focus();
      scanRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A scanner types into whatever has focus: its scans are caught and sent to the scan box.
  const thresholds = useMemo(
    () => ({ burstMinChars: scanner.burstMinChars, burstMaxGapMs: scanner.burstMaxGapMs }),
    [scanner.burstMinChars, scanner.burstMaxGapMs],
  );
  const onScan = useCallback((code: string, alternative?: ScanAlternative) => scanBox.current?.submit(code, alternative), []);
  useScannerCapture({ thresholds, scanInput: scanRef, onScan });

  const changeLanguage = useCallback(
    (language: Language) => {
      void i18n.changeLanguage(language);
      void station.settingsUpdate({ language });
    },
    [i18n, station],
  );

  const openShipment = useCallback((id: string) => setRoute({ view: 'shipment', id }), []);
  const openOrder = useCallback(
    (id: string, ship = false) =>
      setRoute((r) => ({ view: 'pack', id, ...(ship ? { ship: (r.view === 'pack' && r.ship ? r.ship : 0) + 1 } : {}) })),
    [],
  );
  const packIsOpen = route.view === 'pack' && route.id !== undefined;
  const benchFree = useCallback(() => {
    setRoute({ view: 'pack' });
    scanRef.current?.focus();
  }, []);
  const current = navViewOf(route);

  return (
    <ScaleWeightSource>
      <ScanToastProvider sound={scanner.sound}>
        <div className="shell">
          {status?.warehouse && !status.warehouse.reachable && (
            <div className="warehouse-banner" role="alert" data-testid="warehouse-banner">
              {t('app.warehouseDown')} <span lang="en">{status.warehouse.location}</span>
              {status.warehouse.message && (
                <div className="warehouse-cause" lang="en" data-testid="warehouse-cause">
                  {status.warehouse.message}
                </div>
              )}
            </div>
          )}
          {status?.demo && (
            <div className="demo-banner" role="status" data-testid="demo-banner">
              <span className="demo-long">{t('app.demoBanner')}</span>
              <span className="demo-short">{t('ui.demoShort')}</span>
            </div>
          )}
          <header className="shell-header surface-dark">
            <h1 className="shell-title">{t('app.title')}</h1>
            <nav aria-label={t('nav.label')}>
              <ul className="nav">
                {NAV_VIEWS.map((v) => (
                  <li key={v}>
                    <button
                      type="button"
                      className="nav-item"
                      aria-current={current === v ? 'page' : undefined}
                      onClick={() => setRoute({ view: v })}
                    >
                      {t(`nav.${v}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            <ScanBox
              inputRef={scanRef}
              handleRef={scanBox}
              reprintOnRescan={reprintOnRescan}
              openShipmentId={route.view === 'shipment' ? route.id : null}
              openOrderId={route.view === 'pack' ? (route.id ?? null) : null}
              onOpen={openShipment}
              onOpenOrder={openOrder}
              onSeveralOrders={(search) => setRoute({ view: 'orders', search })}
              pack={packIsOpen ? pack : null}
              onCreateForOrder={(orderNumber) => setRoute({ view: 'create', orderNumber })}
            />
            <LanguageSwitch onChange={changeLanguage} />
          </header>
          <main className="shell-main">
            {route.view === 'create' && (
              <CreateLabelView
                key={route.orderNumber ?? ''}
                initialOrderNumber={route.orderNumber}
                onOpenShipment={openShipment}
                onNavigate={(view) => setRoute({ view })}
              />
            )}
            {route.view === 'shipments' && <ShipmentsView onOpen={openShipment} onEndOfDay={() => setRoute({ view: 'endOfDay' })} />}
            {route.view === 'shipment' && (
              <ShipmentDetail
                key={route.id}
                id={route.id}
                onBack={() => setRoute({ view: 'shipments' })}
                onOpenOrder={(id) => setRoute({ view: 'pack', id })}
              />
            )}
            {route.view === 'orders' && (
              <OrdersView
                key={route.search ?? ''}
                {...(route.search !== undefined ? { initialSearch: route.search } : {})}
                onOpenOrder={(id) => setRoute({ view: 'pack', id })}
                onOpenShipment={openShipment}
                onImport={() => setRoute({ view: 'import' })}
                onCommandSheet={() => setRoute({ view: 'commands' })}
                onPackSetup={() => setRoute({ view: 'packSetup', tab: 'catalogue' })}
              />
            )}
            {route.view === 'packSetup' && (
              <PackSetupView
                tab={route.tab}
                onTab={(tab) => setRoute((r) => ({ ...r, view: 'packSetup', tab }))}
                {...(route.addSku
                  ? { addSku: route.addSku.sku, onBackToOrder: () => setRoute({ view: 'pack', id: route.addSku!.orderId }) }
                  : {})}
              />
            )}
            {route.view === 'pack' && (
              <PackView
                id={route.id ?? null}
                shipRequest={route.ship ?? 0}
                handleRef={pack}
                onOpenShipment={openShipment}
                onBack={() => setRoute({ view: 'orders' })}
                onDone={benchFree}
                onCommandSheet={() => setRoute({ view: 'commands' })}
                {...(route.id !== undefined
                  ? { onAddSku: (sku: string) => setRoute({ view: 'packSetup', tab: 'catalogue', addSku: { sku, orderId: route.id! } }) }
                  : {})}
              />
            )}
            {route.view === 'import' && <ImportView onShowOrders={() => setRoute({ view: 'orders' })} />}
            {route.view === 'commands' && <CommandSheetView />}
            {route.view === 'waves' && <WavesView />}
            {route.view === 'endOfDay' && <EndOfDayView />}
            {route.view === 'printers' && <PrintersView />}
            {route.view === 'settings' && <SettingsView onOpenSite={() => setRoute({ view: 'site' })} />}
            {route.view === 'site' && <SiteView />}
          </main>
          <ScanToast />
          {status?.shell === 'browser' && <NotificationToasts onOpen={openShipment} />}
          <StatusBar status={status} refreshKey={route.view} />
        </div>
      </ScanToastProvider>
    </ScaleWeightSource>
  );
}
