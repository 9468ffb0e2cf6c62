import type { ShipmentPage } from '../../../shared/domain/shipment';
import type { ShipmentCounts, ShipmentDetail } from '../../../shared/domain/shipment-detail';
import { StationFailure } from '../../../shared/result';
import type { Handlers } from '../invoke';
import type { ParsedArgs } from '../../../shared/contract';

export interface ShipmentsHandlerDeps {
  listShipments(query: ParsedArgs<'shipments:list'>): Promise<ShipmentPage>;
  getShipment(id: string): Promise<ShipmentDetail | null>;
  countShipments(): Promise<ShipmentCounts>;
}

export function shipmentsHandlers(deps: ShipmentsHandlerDeps): Pick<Handlers, 'shipments:list' | 'shipments:get' | 'shipments:counts'> {
  return {
    'shipments:list': async (query) => deps.listShipments(query),
    'shipments:get': async ({ id }) => {
      const detail = await deps.getShipment(id);
      if (!detail) throw new StationFailure('NOT_FOUND', 'This shipment is not in the station (it may have been created on another computer).');
      return detail;
    },
    'shipments:counts': async () => deps.countShipments(),
  };
}
