/** Where the packer is: one screen, plus what that screen was opened with. */
export type Route =
  | { view: 'create'; orderNumber?: string }
  | { view: 'shipments' }
  | { view: 'shipment'; id: string }
  | { view: 'waves' }
  | { view: 'endOfDay' }
  | { view: 'printers' }
  | { view: 'settings' };

export const NAV_VIEWS = ['create', 'shipments', 'waves', 'endOfDay', 'printers', 'settings'] as const;
export type NavView = (typeof NAV_VIEWS)[number];

/** The detail screen belongs to the Shipments tab. */
export function navViewOf(route: Route): NavView {
  return route.view === 'shipment' ? 'shipments' : route.view;
}
