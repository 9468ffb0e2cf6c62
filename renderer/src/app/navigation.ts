/** Where the packer is: one screen, plus what that screen was opened with. */
export type Route =
  | { view: 'create'; orderNumber?: string }
  | { view: 'shipments' }
  | { view: 'shipment'; id: string }
  /** The pack screen: an order on the bench (none: waiting for a scan); `ship` changes when a scan asks for its label now. */
  | { view: 'pack'; id?: string; ship?: number }
  | { view: 'orders'; search?: string }
  | { view: 'import' }
  | { view: 'commands' }
  /** SKU catalogue, boxes, ship-from addresses and station defaults (reached from Orders). */
  | {
      view: 'packSetup';
      tab: 'catalogue' | 'boxes' | 'station';
      /** Opened from an order's line to add this SKU; `orderId` is where "Back to the order" goes. */
      addSku?: { sku: string; orderId: string };
    }
  | { view: 'waves' }
  | { view: 'endOfDay' }
  | { view: 'printers' }
  | { view: 'settings' }
  /** Warehouse mode's site view (admin), opened from Settings. */
  | { view: 'site' };

export const NAV_VIEWS = ['create', 'pack', 'orders', 'shipments', 'waves', 'printers', 'settings'] as const;
export type NavView = (typeof NAV_VIEWS)[number];

/** The detail screen and End of day belong to the Shipments tab; import, the command sheet and packing setup to Orders. */
export function navViewOf(route: Route): NavView {
  switch (route.view) {
    // End of day is reached from the Shipments screen (the header has no room for another tab).
    case 'shipment':
    case 'endOfDay':
      return 'shipments';
    case 'import':
    case 'commands':
    case 'packSetup':
      return 'orders';
    case 'site':
      return 'settings';
    default:
      return route.view;
  }
}
