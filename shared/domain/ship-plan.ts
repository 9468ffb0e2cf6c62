/**
 * From an order to its label request (issue 12), pure so the pack screen and
 * the ship service can never disagree about what is missing: the order's
 * recipient and lines, the SKU catalogue (`fillParcel`), the box, the weight
 * (scale or typed, else catalogue × quantity + box tare), the default
 * ship-from address and the station's courier/product (defaults or a rule).
 * The request is checked with the label form's own schema; anything missing
 * or refused is listed per field with who can fix it, never guessed.
 */
import { translate } from '../i18n';
import { describeAttention } from './order-import';
import type { ParcelPlan, ShipGap } from './order-desk';
import { orderAttention } from './order-attention';
import { labelSchemas, type LabelRequest, type LabelRequestInput } from './label-request';
import { shipToParty, type Order } from './orders';
import { pickService, type SavedBox, type ShipFromAddress, type StationDefaults } from './packing';
import type { Language } from './settings';
import { fillParcel, labelParcel, type SkuEntry } from './sku-catalogue';

export interface ShipPlanInput {
  order: Order;
  catalogue: (sku: string) => SkuEntry | undefined;
  box: SavedBox | null;
  boxFrom: ParcelPlan['boxFrom'];
  /** The scale's reading or the packer's typed weight; null: computed. */
  weight: { kg: number; from: 'scale' | 'manual' } | null;
  shipFrom: ShipFromAddress | null;
  defaults: Pick<StationDefaults, 'courier' | 'productCode' | 'rules' | 'labelFormat'>;
  language: Language;
}

export interface ShipPlanResult {
  plan: ParcelPlan;
  /** Empty when `request` is set. */
  missing: ShipGap[];
  request: LabelRequest | null;
}

/** Label request paths the packer knows by their order field (so a schema issue points at what to edit). */
function orderFieldOf(path: string): string {
  return path.replace(/^shipment\.shipTo\./, 'shipTo.');
}

export function planShipment(input: ShipPlanInput): ShipPlanResult {
  const { order, language } = input;
  const say = (key: string, params?: Record<string, string | number>) => translate(language, `orderDesk.gaps.${key}`, params);
  const missing: ShipGap[] = [];
  const add = (gap: ShipGap) => {
    if (!missing.some((m) => m.field === gap.field)) missing.push(gap);
  };

  // The order itself: recipient and order number by the label's own rules, and weights per line.
  const attention = orderAttention(order, { catalogueUnitWeightKg: (sku) => input.catalogue(sku)?.unitWeightKg ?? null, language });
  for (const item of attention) {
    add({ field: item.field, message: describeAttention(language, item), fix: item.reason === 'no-weight' ? 'catalogue' : 'order' });
  }

  const manual = input.weight;
  const fill = fillParcel(order, { catalogue: input.catalogue, box: input.box, scaleWeightKg: manual?.kg ?? null });
  for (const gap of fill.gaps) {
    if (gap.field === 'box') add({ field: 'box', message: say('box'), fix: 'bench' });
    else if (gap.field === 'sku')
      add({
        field: `lines.${gap.line}.sku`,
        message: say('sku', { sku: gap.sku || '—', name: gap.name }),
        fix: gap.sku ? 'catalogue' : 'order',
      });
    else if (gap.field === 'unitWeight')
      add({ field: `lines.${gap.line}.unitWeightKg`, message: say('unitWeight', { sku: gap.sku }), fix: 'catalogue' });
    else add({ field: `lines.${gap.line}.${gap.field}`, message: say(gap.field, { sku: gap.sku }), fix: 'catalogue' });
  }
  const weightKg = fill.weightKg;
  if (weightKg === null && !missing.some((m) => m.field === 'box')) add({ field: 'weightKg', message: say('weight'), fix: 'bench' });

  const service = pickService(input.defaults, order.shipTo.address.countryCode, weightKg);
  if (service.courier === '') add({ field: 'courier', message: say('courier'), fix: 'setup' });
  if (service.productCode === '') add({ field: 'service.productCode', message: say('product'), fix: 'setup' });
  if (!input.shipFrom) add({ field: 'shipment.shipFrom', message: say('shipFrom'), fix: 'setup' });

  const plan: ParcelPlan = {
    items: fill.items.map((item, i) => ({
      sku: fill.customs[i]?.sku ?? '',
      descriptionEn: item.descriptionEn,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      unitWeightKg: item.unitWeight,
      hsCode: fill.customs[i]?.hsCode ?? '',
      originCountry: fill.customs[i]?.originCountry ?? '',
    })),
    weightKg,
    weightFrom: manual && weightKg !== null ? manual.from : fill.weightFrom === 'catalogue' ? 'catalogue' : null,
    box: input.box,
    boxFrom: input.box ? input.boxFrom : null,
    courier: service.courier,
    productCode: service.productCode,
    shipFrom: input.shipFrom ? { id: input.shipFrom.id, name: input.shipFrom.name } : null,
  };

  const parcel = labelParcel(fill);
  if (missing.length > 0 || parcel === null || !input.shipFrom) return { plan, missing, request: null };

  const draft: LabelRequestInput = {
    courier: service.courier,
    service: { productCode: service.productCode },
    shipment: { shipFrom: input.shipFrom.party, shipTo: shipToParty(order.shipTo), parcels: [parcel] },
    label: { format: input.defaults.labelFormat },
    order: { customerOrderNumber: order.orderNumber.trim() },
  };
  const parsed = labelSchemas(language).LabelRequestSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const fix =
        path.startsWith('shipment.shipFrom') || path === 'courier' || path.startsWith('service')
          ? 'setup'
          : path.includes('items')
            ? 'catalogue'
            : 'order';
      add({ field: orderFieldOf(path), message: issue.message, fix });
    }
    return { plan, missing, request: null };
  }
  return { plan, missing, request: parsed.data };
}
