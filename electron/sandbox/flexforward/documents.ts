/**
 * The courier's document host, as the sandbox plays it: label documents at
 * permanent URLs on a separate path, no token needed (like a CDN), bytes
 * rendered once per label and then served from memory.
 */
import type { SandboxRequest, SandboxResponse, SandboxRouter } from '../http';
import { standardError } from '../http';
import { renderLabelPdf, renderLabelPng, type LabelParty } from '../documents/label-document';
import type { FlexForwardSandbox, StoredLabel } from './router';
import type { LabelRequest } from '../../../shared/domain/label-request';

export const DOCUMENT_PATH_PREFIX = '/cdn/yunexpress';

export class DocumentHostRouter implements SandboxRouter {
  readonly name = 'documents';
  readonly #api: FlexForwardSandbox;
  readonly #cache = new Map<string, Promise<Uint8Array>>();

  constructor(api: FlexForwardSandbox) {
    this.#api = api;
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse | null> {
    if (!req.path.startsWith(`${DOCUMENT_PATH_PREFIX}/`)) return null;
    const m = /^\/labels\/([A-Za-z0-9]+)\.(pdf|png)$/.exec(req.path.slice(DOCUMENT_PATH_PREFIX.length));
    if (req.method !== 'GET') return standardError(405, 'Method Not Allowed');
    const label = m ? this.#api.findByTrackingNumber(m[1]!) : undefined;
    if (!m || !label) return standardError(404, 'Not Found');
    const format = m[2] as 'pdf' | 'png';
    const key = `${label.id}.${format}`;
    let bytes = this.#cache.get(key);
    if (!bytes) {
      bytes = renderDocument(label, format);
      this.#cache.set(key, bytes);
      bytes.catch(() => this.#cache.delete(key));
    }
    return { status: 200, contentType: format === 'pdf' ? 'application/pdf' : 'image/png', body: await bytes };
  }
}

async function renderDocument(label: StoredLabel, format: 'pdf' | 'png'): Promise<Uint8Array> {
  const { shipment, service, order } = label.request;
  const pdf = await renderLabelPdf({
    trackingNumber: label.response.courierTrackingNumber ?? label.id,
    labelId: label.id,
    courierName: 'YunExpress',
    productCode: service.productCode,
    orderNumber: order?.customerOrderNumber ?? null,
    from: party(shipment.shipFrom),
    to: party(shipment.shipTo),
    weightKg: shipment.parcels.reduce((sum, p) => sum + p.weight, 0),
    parcels: shipment.parcels.length,
    createdAt: new Date(label.createdAtMs),
  });
  return format === 'pdf' ? pdf : renderLabelPng(pdf);
}

function party(p: LabelRequest['shipment']['shipTo']): LabelParty {
  return {
    name: `${p.contact.firstName} ${p.contact.lastName}`,
    streetLines: p.address.streetLines,
    city: p.address.city,
    state: p.address.state ?? null,
    postalCode: p.address.postalCode,
    countryCode: p.address.countryCode,
    phone: p.contact.phone,
  };
}
