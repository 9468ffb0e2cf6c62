/**
 * Flex Forward test helpers: a valid create-label request (as the form fills
 * it) and a real client pointed at a real embedded sandbox over HTTP.
 */
import { LabelRequestSchema, type LabelRequest, type LabelRequestInput } from '../../shared/domain/label-request';
import { FlexForwardClient, SlidingWindowLimiter, type FlexForwardClientOptions } from '../../electron/core/api/flexforward';
import { startSandbox, DEMO_TOKEN, type Sandbox, type SandboxOptions } from '../../electron/sandbox/server';
import { silentLoggerFactory } from '../../electron/core/util/log';

export function sampleLabelInput(
  patch: { postalCode?: string; productCode?: string; orderNumber?: string; format?: 'PDF' | 'PNG' } = {},
): LabelRequestInput {
  return {
    courier: 'yunexpress',
    service: { productCode: patch.productCode ?? 'HKMUZXR' },
    label: { format: patch.format ?? 'PDF' },
    units: { weight: 'KG', dimension: 'CM' },
    order: { customerOrderNumber: patch.orderNumber ?? 'ORDER-1001' },
    shipment: {
      shipFrom: {
        contact: { firstName: 'Ware', lastName: 'House', phone: '+852-3000-0000' },
        address: { streetLines: ['8 Cargo Road'], city: 'Hong Kong', postalCode: '999077', countryCode: 'HK' },
      },
      shipTo: {
        contact: { firstName: 'Pat', lastName: 'Buyer', phone: '+1-555-0100', email: 'pat@example.com' },
        address: {
          streetLines: ['1 Main St'],
          city: 'Los Angeles',
          state: 'CA',
          postalCode: patch.postalCode ?? '90001',
          countryCode: 'US',
        },
      },
      parcels: [
        {
          weight: 0.5,
          dimension: { length: 30, width: 20, height: 10 },
          items: [{ descriptionEn: 'Ink pen', quantity: 1, unitPrice: { amount: 3.5, currency: 'USD' }, unitWeight: 0.5 }],
        },
      ],
    },
  };
}

export function sampleLabelRequest(patch: Parameters<typeof sampleLabelInput>[0] = {}): LabelRequest {
  return LabelRequestSchema.parse(sampleLabelInput(patch));
}

export interface SandboxClient {
  sandbox: Sandbox;
  client: FlexForwardClient;
  /** Every delay the client asked to wait (retries), in ms. */
  sleeps: number[];
  clientFor(token: string, options?: Partial<FlexForwardClientOptions>): FlexForwardClient;
  stop(): Promise<void>;
}

/** A sandbox plus a client whose retry waits return at once (recorded in `sleeps`). */
export async function startSandboxClient(
  options: { sandbox?: SandboxOptions; client?: Partial<FlexForwardClientOptions> } = {},
): Promise<SandboxClient> {
  const sandbox = await startSandbox({ tokens: [DEMO_TOKEN, 'other-account-token'], ...options.sandbox });
  const sleeps: number[] = [];
  const clientFor = (token: string, extra: Partial<FlexForwardClientOptions> = {}) =>
    new FlexForwardClient({
      baseUrl: () => sandbox.url,
      token: () => token,
      limiter: new SlidingWindowLimiter(),
      logger: silentLoggerFactory('test'),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      // The sandbox plays the courier's document host on loopback, which only a trusted host may be.
      documentHosts: () => ({ privateHosts: [new URL(sandbox.url).host] }),
      ...options.client,
      ...extra,
    });
  return { sandbox, client: clientFor(DEMO_TOKEN), sleeps, clientFor, stop: () => sandbox.stop() };
}
