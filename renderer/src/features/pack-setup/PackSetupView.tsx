import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BoxesView } from './BoxesView';
import { CatalogueView } from './CatalogueView';
import { StationSetupView } from './StationSetupView';
import '../orders/orders.css';
import './pack-setup.css';

export const PACK_SETUP_TABS = ['catalogue', 'boxes', 'station'] as const;
export type PackSetupTab = (typeof PACK_SETUP_TABS)[number];

/**
 * What labels made from orders need besides the orders: the SKU catalogue,
 * the boxes, and the station's ship-from addresses, defaults and rules. One
 * screen with tabs (the header has no room for more), reached from Orders.
 */
export function PackSetupView({
  tab,
  onTab,
  addSku,
  onBackToOrder,
}: {
  tab: PackSetupTab;
  onTab(tab: PackSetupTab): void;
  /** Opened from an order's line: the add form opens with this SKU. */
  addSku?: string;
  /** Where the packer came from (an order on the pack screen). */
  onBackToOrder?: () => void;
}) {
  const { t } = useTranslation();
  const tabs = useRef<HTMLDivElement>(null);
  // Arrow keys move between tabs (and select them), Home/End jump: the WAI-ARIA tabs pattern.
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = PACK_SETUP_TABS.indexOf(tab);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: PACK_SETUP_TABS.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = PACK_SETUP_TABS[(moves[e.key]! + PACK_SETUP_TABS.length) % PACK_SETUP_TABS.length]!;
    onTab(next);
    setTimeout(() => tabs.current?.querySelector<HTMLElement>(`#pack-setup-tab-${next}`)?.focus(), 0);
  };
  return (
    <section aria-labelledby="pack-setup-title" className="pack-setup">
      <h2 id="pack-setup-title" className="view-title">
        {t('packSetup.label')}
      </h2>
      {onBackToOrder && (
        <p>
          <button type="button" className="button button-quiet" onClick={onBackToOrder}>
            {t('packSetup.backToOrder')}
          </button>
        </p>
      )}
      <div role="tablist" aria-labelledby="pack-setup-title" className="setup-tabs" ref={tabs} onKeyDown={onKey}>
        {PACK_SETUP_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`pack-setup-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`pack-setup-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className="setup-tab"
            onClick={() => onTab(id)}
          >
            {t(`packSetup.tabs.${id}`)}
          </button>
        ))}
      </div>
      {/* Every tab stays mounted (hidden when not shown): a half-filled form survives a look at another tab. */}
      {PACK_SETUP_TABS.map((id) => (
        <div key={id} role="tabpanel" id={`pack-setup-panel-${id}`} aria-labelledby={`pack-setup-tab-${id}`} hidden={tab !== id}>
          {id === 'catalogue' && <CatalogueView {...(addSku !== undefined ? { addSku } : {})} />}
          {id === 'boxes' && <BoxesView active={tab === 'boxes'} />}
          {id === 'station' && <StationSetupView active={tab === 'station'} />}
        </div>
      ))}
    </section>
  );
}
