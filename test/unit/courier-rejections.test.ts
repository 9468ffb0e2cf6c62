import { describe, expect, it } from 'vitest';
import { readRejection } from '../../shared/domain/courier-rejections';

describe('reading a courier rejection', () => {
  it.each([
    // The sandbox's own rejections, as the station receives them.
    [
      'The courier refused the label: YunExpress API returned HTTP 400: the recipient postal code is not serviceable',
      'the recipient postal code is not serviceable',
      'shipment.shipTo.address.postalCode',
    ],
    [
      'The courier refused the label: YunExpress API returned HTTP 400: product REJECT01 is not available on this lane',
      'product REJECT01 is not available on this lane',
      'service.productCode',
    ],
    // The reference's example and other couriers' wordings.
    ['YunExpress API returned HTTP 400: Bad request', 'Bad request', null],
    [
      'The courier refused the label: 4PX API returned HTTP 400: Consignee phone number is invalid.',
      'Consignee phone number is invalid',
      'shipment.shipTo.contact.phone',
    ],
    [
      'The courier refused the label: Yanwen API returned HTTP 422: Receiver city not found',
      'Receiver city not found',
      'shipment.shipTo.address.city',
    ],
    ['HTTP 400: Address line 1 is too long', 'Address line 1 is too long', 'shipment.shipTo.address.streetLines.0'],
    [
      'The courier refused the label: destination country not supported',
      'destination country not supported',
      'shipment.shipTo.address.countryCode',
    ],
    ['Courier rejected: sender postcode invalid', 'sender postcode invalid', 'shipment.shipFrom.address.postalCode'],
    ['The courier refused the label: Province code missing', 'Province code missing', 'shipment.shipTo.address.state'],
    ['The courier refused the label: parcel weight exceeds the limit', 'parcel weight exceeds the limit', 'shipment.parcels.0.weight'],
    // Unknown: no field marked, the words kept.
    ['The courier refused the label: duplicate waybill', 'duplicate waybill', null],
    ['The courier refused the label: no reason given', 'no reason given', null],
  ])('%s', (message, reason, field) => {
    expect(readRejection(message)).toEqual({ reason, field });
  });

  it('never leaves a prefix repeated or an empty reason', () => {
    const r = readRejection(
      'The courier refused the label: The courier refused the label: HTTP 400: the recipient postal code is not serviceable.',
    );
    expect(r.reason).toBe('the recipient postal code is not serviceable');
    expect(readRejection('HTTP 400: ').reason).toBe('HTTP 400:');
  });
});
