import type { ShipmentPage } from '../../../shared/domain/shipment';
import type { Handlers } from '../invoke';
import type { ParsedArgs } from '../../../shared/contract';

export interface ShipmentsHandlerDeps {
  listShipments(query: ParsedArgs<'shipments:list'>): ShipmentPage;
}

export function shipmentsHandlers(deps: ShipmentsHandlerDeps): Pick<Handlers, 'shipments:list'> {
  return {
    'shipments:list': async (query) => deps.listShipments(query),
  };
}
