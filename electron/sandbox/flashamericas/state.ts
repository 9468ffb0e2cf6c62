/**
 * The Flash Americas sandbox's world: shipments, their event history, and
 * the knobs tests and demos turn (add an event, force a 429).
 *
 * Demo journeys: any tracking number the sandbox has not seen is created on
 * first lookup with a journey picked from the number, so a packer can type
 * any number in demo mode and watch it move. Numbers starting with `000` are
 * unknown (TRACKING_NOT_FOUND) and `999` ones are not yet in the carrier's
 * system (TRACKING_NOT_AVAILABLE), to show both errors.
 */
import { createHash } from 'node:crypto';

export type SandboxStatus =
  'LABEL_CREATED' | 'PICKUP_SCHEDULED' | 'PICKED_UP' | 'IN_TRANSIT' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'EXCEPTION' | 'RETURNED';

export interface SandboxLocation {
  address?: string;
  city: string;
  state: string;
  postalCode?: string;
  country: string;
  coordinates?: { latitude: number; longitude: number };
}

export interface SandboxEvent {
  eventId: string;
  shipmentId: string;
  trackingNumber: string;
  timestamp: string;
  status: SandboxStatus;
  eventType: string;
  description: string;
  location: SandboxLocation;
  facilityType?: string;
  recipient?: string;
  signature?: string;
  exceptionCode?: string;
  exceptionReason?: string;
}

export interface SandboxShipment {
  shipmentId: string;
  /** The booking's load ID (gap 3: its relation to the other ids is undefined; here one per shipment). */
  loadId: string;
  trackingNumber: string;
  proNumber: string;
  provider: string;
  service: string;
  reference: string;
  weight: number;
  createdAt: string;
  estimatedDelivery: string;
  origin: { city: string; state: string; country: string };
  destination: { city: string; state: string; country: string };
  /** Oldest first. */
  events: SandboxEvent[];
}

export interface NewEvent {
  status: SandboxStatus;
  description?: string;
  at?: number;
  location?: SandboxLocation;
  facilityType?: string;
  recipient?: string;
  exceptionCode?: string;
  exceptionReason?: string;
}

const EVENT_TYPE: Record<SandboxStatus, string> = {
  LABEL_CREATED: 'PICKUP',
  PICKUP_SCHEDULED: 'PICKUP',
  PICKED_UP: 'PICKUP',
  IN_TRANSIT: 'TRANSIT',
  OUT_FOR_DELIVERY: 'TRANSIT',
  DELIVERED: 'DELIVERY',
  EXCEPTION: 'EXCEPTION',
  RETURNED: 'RETURN',
};

const DESCRIPTIONS: Record<SandboxStatus, string> = {
  LABEL_CREATED: 'Shipping label created',
  PICKUP_SCHEDULED: 'Pickup scheduled',
  PICKED_UP: 'Picked up at origin',
  IN_TRANSIT: 'At local FedEx facility',
  OUT_FOR_DELIVERY: 'On FedEx vehicle for delivery',
  DELIVERED: 'Delivered to recipient',
  EXCEPTION: 'Delivery attempted - no one available',
  RETURNED: 'Returning to sender',
};

const DALLAS: SandboxLocation = {
  address: '123 MAIN STREET, DALLAS, TX 75201',
  city: 'Dallas',
  state: 'TX',
  postalCode: '75201',
  country: 'US',
};
const HOUSTON: SandboxLocation = {
  address: 'HOUSTON, TX',
  city: 'Houston',
  state: 'TX',
  postalCode: '77001',
  country: 'US',
  coordinates: { latitude: 29.7604, longitude: -95.3698 },
};

/** Demo journeys: the sandbox moves an auto-created shipment one step per DEMO_STEP_MS. */
export const DEMO_STEP_MS = 20 * 60_000;
const JOURNEYS: ReadonlyArray<ReadonlyArray<NewEvent>> = [
  [
    { status: 'LABEL_CREATED' },
    { status: 'PICKED_UP' },
    { status: 'IN_TRANSIT' },
    { status: 'OUT_FOR_DELIVERY', location: HOUSTON, facilityType: 'DELIVERY_VEHICLE' },
    { status: 'DELIVERED', recipient: 'J. DOE', location: HOUSTON },
  ],
  [
    { status: 'PICKUP_SCHEDULED' },
    { status: 'PICKED_UP' },
    { status: 'IN_TRANSIT' },
    { status: 'EXCEPTION', exceptionCode: '001', exceptionReason: 'RECIPIENT_NOT_AVAILABLE', location: HOUSTON },
    { status: 'OUT_FOR_DELIVERY', location: HOUSTON, facilityType: 'DELIVERY_VEHICLE' },
    { status: 'DELIVERED', recipient: 'M. GARCIA', location: HOUSTON },
  ],
  [
    { status: 'LABEL_CREATED' },
    { status: 'PICKED_UP' },
    { status: 'EXCEPTION', exceptionCode: '006', exceptionReason: 'CUSTOMS_HOLD' },
    { status: 'RETURNED' },
  ],
];

export class FlashAmericasSandboxState {
  readonly #byNumber = new Map<string, SandboxShipment>();
  readonly #byId = new Map<string, SandboxShipment>();
  readonly #byLoad = new Map<string, SandboxShipment>();
  #eventSeq = 0;
  #forced: Array<{ status: number; code: string; retryAfterS: number }> = [];
  readonly listeners = new Set<(event: SandboxEvent) => void>();

  /** Demo journeys move one step per DEMO_STEP_MS / speed (the demo sandbox runs a day in minutes). */
  readonly #stepMs: number;

  constructor(
    private readonly now: () => number,
    private readonly autoCreate = true,
    speed = 1,
  ) {
    this.#stepMs = DEMO_STEP_MS / Math.max(1, speed);
  }

  /** Creates a shipment with the given history (oldest first), or returns the existing one. */
  addShipment(
    trackingNumber: string,
    history: readonly NewEvent[] = [{ status: 'LABEL_CREATED' }],
    extra: Partial<SandboxShipment> = {},
  ): SandboxShipment {
    const existing = this.#byNumber.get(trackingNumber);
    if (existing) return existing;
    const shipmentId = uuidFrom(trackingNumber);
    const created = this.now();
    const shipment: SandboxShipment = {
      shipmentId,
      loadId: `LD${String(hashInt(`load:${trackingNumber}`) % 100_000_000).padStart(8, '0')}`,
      trackingNumber,
      proNumber: `PRO${trackingNumber.slice(-6)}`,
      provider: 'FEDEX',
      service: 'FEDEX_GROUND',
      reference: `ORDER-${trackingNumber.slice(-5)}`,
      weight: 25.5,
      createdAt: new Date(created).toISOString(),
      estimatedDelivery: new Date(created + 3 * 24 * 3_600_000).toISOString(),
      origin: { city: 'Dallas', state: 'TX', country: 'US' },
      destination: { city: 'Houston', state: 'TX', country: 'US' },
      events: [],
      ...extra,
    };
    this.#byNumber.set(trackingNumber, shipment);
    this.#byId.set(shipmentId, shipment);
    this.#byLoad.set(shipment.loadId, shipment);
    for (const e of history) this.#append(shipment, e, false);
    return shipment;
  }

  /** A new scan: recorded, and announced to webhook subscribers. */
  addEvent(trackingNumber: string, event: NewEvent): SandboxEvent {
    const shipment = this.#byNumber.get(trackingNumber);
    if (!shipment) throw new Error(`sandbox: no shipment ${trackingNumber}`);
    return this.#append(shipment, event, true);
  }

  lookup(trackingNumber: string): { shipment: SandboxShipment } | { error: 'not_found' | 'not_available' } {
    this.#advanceDemo();
    const found = this.#byNumber.get(trackingNumber);
    if (found) return { shipment: found };
    if (trackingNumber.startsWith('000') || !this.autoCreate) return { error: 'not_found' };
    if (trackingNumber.startsWith('999')) return { error: 'not_available' };
    const journey = JOURNEYS[hashInt(trackingNumber) % JOURNEYS.length]!;
    const shipment = this.addShipment(trackingNumber, journey.slice(0, 1));
    this.#demo.set(trackingNumber, { journey, step: 1, nextAt: this.now() + this.#stepMs });
    return { shipment };
  }

  byShipmentId(id: string): SandboxShipment | undefined {
    this.#advanceDemo();
    return this.#byId.get(id);
  }

  byLoadId(loadId: string): SandboxShipment | undefined {
    this.#advanceDemo();
    return this.#byLoad.get(loadId);
  }

  /** Every shipment the sandbox holds, oldest first. */
  shipments(): SandboxShipment[] {
    this.#advanceDemo();
    return [...this.#byNumber.values()];
  }

  allEvents(): SandboxEvent[] {
    this.#advanceDemo();
    return [...this.#byNumber.values()].flatMap((s) => s.events);
  }

  /** The next `count` API calls answer with this error (429 by default). */
  forceErrors(count: number, status = 429, code = 'RATE_LIMIT_EXCEEDED', retryAfterS = 1): void {
    for (let i = 0; i < count; i++) this.#forced.push({ status, code, retryAfterS });
  }

  takeForcedError(): { status: number; code: string; retryAfterS: number } | undefined {
    return this.#forced.shift();
  }

  readonly #demo = new Map<string, { journey: ReadonlyArray<NewEvent>; step: number; nextAt: number }>();

  #advanceDemo(): void {
    const now = this.now();
    for (const [tn, d] of this.#demo) {
      while (d.step < d.journey.length && now >= d.nextAt) {
        this.#append(this.#byNumber.get(tn)!, { ...d.journey[d.step]!, at: d.nextAt }, true);
        d.step++;
        d.nextAt += this.#stepMs;
      }
      if (d.step >= d.journey.length) this.#demo.delete(tn);
    }
  }

  #append(shipment: SandboxShipment, e: NewEvent, announce: boolean): SandboxEvent {
    const at = e.at ?? this.now();
    const event: SandboxEvent = {
      eventId: `evt_${String(++this.#eventSeq).padStart(6, '0')}`,
      shipmentId: shipment.shipmentId,
      trackingNumber: shipment.trackingNumber,
      timestamp: new Date(at).toISOString(),
      status: e.status,
      eventType: e.exceptionCode === '006' ? 'CUSTOMS' : EVENT_TYPE[e.status],
      description: e.description ?? DESCRIPTIONS[e.status],
      location: e.location ?? (e.status === 'DELIVERED' || e.status === 'OUT_FOR_DELIVERY' ? HOUSTON : DALLAS),
      ...(e.facilityType ? { facilityType: e.facilityType } : e.status === 'PICKED_UP' ? { facilityType: 'PICKUP_LOCATION' } : {}),
      ...(e.status === 'DELIVERED'
        ? {
            recipient: e.recipient ?? 'J. DOE',
            signature: `https://api.flashamericas.com/documents/signature_${shipment.trackingNumber}.png`,
          }
        : {}),
      ...(e.exceptionCode ? { exceptionCode: e.exceptionCode, exceptionReason: e.exceptionReason ?? 'RECIPIENT_NOT_AVAILABLE' } : {}),
    };
    shipment.events.push(event);
    if (announce) for (const l of this.listeners) l(event);
    return event;
  }
}

function hashInt(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

/** A stable UUID-shaped id per tracking number, so restarts of a demo agree. */
function uuidFrom(s: string): string {
  const h = createHash('sha256').update(`fa-shipment:${s}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
