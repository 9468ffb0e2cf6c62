import type { LabelDocumentData } from '../../electron/sandbox/documents/label-document';

/**
 * The content of a sandbox airway bill (Shenzhen warehouse → Leeds buyer),
 * for tests and benches that need a real label document; only the numbers
 * that a test reads back differ between callers.
 */
export function sampleLabelData(numbers: { trackingNumber: string; labelId: string; orderNumber: string }): LabelDocumentData {
  return {
    ...numbers,
    courierName: 'YunExpress',
    productCode: 'YEXP01',
    from: {
      name: 'Warehouse 3',
      streetLines: ['1 Dock Road'],
      city: 'Shenzhen',
      state: null,
      postalCode: '518000',
      countryCode: 'CN',
      phone: '+86 755 0000 0000',
    },
    to: {
      name: 'Ana Buyer',
      streetLines: ['22 High Street'],
      city: 'Leeds',
      state: null,
      postalCode: 'LS1 4AP',
      countryCode: 'GB',
      phone: '+44 113 000 0000',
    },
    weightKg: 1.2,
    parcels: 1,
    createdAt: new Date('2026-03-01T09:00:00Z'),
  };
}
