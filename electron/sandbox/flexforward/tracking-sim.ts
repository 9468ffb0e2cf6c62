/**
 * Tracking that moves: each label follows a scripted journey whose
 * checkpoints appear as simulated time passes. Simulated time runs `speed`
 * times faster than the sandbox clock (demo: a day of shipping in four
 * minutes). The documented test postal codes (reference §11) pick the ending.
 */
import type { Tag } from '../../../shared/domain/tags';

export const HOUR_MS = 3_600_000;
/** Demo speed: 24 simulated hours in 4 real minutes. */
export const DEMO_SPEED = (24 * 60) / 4;

export type Scenario = 'delivered' | 'exception' | 'in_transit_forever' | 'cancelled';

/** Reference §11: ship-to postal codes that force a result. Anything else is an ordinary delivery. */
export function scenarioFor(postalCode: string): Scenario {
  switch (postalCode.trim()) {
    case '90002':
      return 'exception';
    case '90003':
      return 'in_transit_forever';
    case '90004':
      return 'cancelled';
    default:
      return 'delivered';
  }
}

export interface Place {
  city: string;
  state: string | null;
  countryRegion: string;
  location: string | null;
}

export interface SimCheckpoint extends Place {
  checkpointTime: string;
  message: string;
  tag: Tag;
  subtag: string;
  subtagMessage: string;
  slug: string;
}

interface Step {
  atHours: number;
  place: 'origin' | 'departureHub' | 'arrivalHub' | 'destination';
  tag: Tag;
  subtag: string;
  subtagMessage: string;
  message: string;
  location?: string;
}

/** AfterShip-style subtags (gap 9: no catalogue is published; these follow the documented `<Tag>_<NNN>` form). */
const INFO: Step = {
  atHours: 2,
  place: 'origin',
  tag: 'InfoReceived',
  subtag: 'InfoReceived_001',
  subtagMessage: 'Shipment information received',
  message: 'Shipment information received',
};
const COMMON: Step[] = [
  INFO,
  {
    atHours: 10,
    place: 'origin',
    tag: 'InTransit',
    subtag: 'InTransit_002',
    subtagMessage: 'Acceptance scan',
    message: 'Parcel accepted at origin facility',
  },
  {
    atHours: 22,
    place: 'departureHub',
    tag: 'InTransit',
    subtag: 'InTransit_001',
    subtagMessage: 'In transit',
    message: 'Departed from sorting center',
  },
  {
    atHours: 40,
    place: 'departureHub',
    tag: 'InTransit',
    subtag: 'InTransit_007',
    subtagMessage: 'Departure scan',
    message: 'Handed over to airline',
  },
  {
    atHours: 62,
    place: 'arrivalHub',
    tag: 'InTransit',
    subtag: 'InTransit_004',
    subtagMessage: 'Arrival scan',
    message: 'Arrived at destination country',
  },
];
const JOURNEYS: Readonly<Record<Scenario, Step[]>> = {
  delivered: [
    ...COMMON,
    {
      atHours: 78,
      place: 'arrivalHub',
      tag: 'InTransit',
      subtag: 'InTransit_003',
      subtagMessage: 'Customs cleared',
      message: 'Import customs clearance completed',
    },
    {
      atHours: 96,
      place: 'destination',
      tag: 'InTransit',
      subtag: 'InTransit_005',
      subtagMessage: 'Out for delivery',
      message: 'Out for delivery',
    },
    {
      atHours: 104,
      place: 'destination',
      tag: 'Delivered',
      subtag: 'Delivered_001',
      subtagMessage: 'Delivered',
      message: 'Delivered, left at front door',
    },
  ],
  exception: [
    ...COMMON,
    {
      atHours: 74,
      place: 'arrivalHub',
      tag: 'Exception',
      subtag: 'Exception_002',
      subtagMessage: 'Held by customs',
      message: 'Held by customs: commercial invoice required',
    },
  ],
  in_transit_forever: [...COMMON],
  cancelled: [
    INFO,
    {
      atHours: 6,
      place: 'origin',
      tag: 'Cancelled',
      subtag: 'Cancelled_001',
      subtagMessage: 'Shipment cancelled',
      message: 'Shipment cancelled by the sender',
    },
  ],
};

/** Hubs by country: where cross-border parcels usually leave and land. */
const HUBS: Readonly<Record<string, Place>> = {
  CN: { city: 'Shenzhen', state: 'Guangdong', countryRegion: 'CN', location: 'Shenzhen Sorting Center' },
  HK: { city: 'Hong Kong', state: null, countryRegion: 'HK', location: 'HKIA Air Cargo Terminal' },
  JP: { city: 'Narita', state: 'Chiba', countryRegion: 'JP', location: 'Narita International Exchange' },
  US: { city: 'Los Angeles', state: 'CA', countryRegion: 'US', location: 'LAX Distribution Center' },
  GB: { city: 'London', state: null, countryRegion: 'GB', location: 'Heathrow International Hub' },
  DE: { city: 'Frankfurt', state: 'Hesse', countryRegion: 'DE', location: 'Frankfurt Airport Cargo' },
  AU: { city: 'Sydney', state: 'NSW', countryRegion: 'AU', location: 'Sydney Gateway Facility' },
  CA: { city: 'Vancouver', state: 'BC', countryRegion: 'CA', location: 'Vancouver International Mail Centre' },
  FR: { city: 'Roissy', state: null, countryRegion: 'FR', location: 'Paris CDG Hub' },
};

export interface JourneyEnds {
  from: { city: string; state: string | null; countryCode: string };
  to: { city: string; state: string | null; countryCode: string; postalCode: string };
}

export function checkpointsAt(ends: JourneyEnds, createdAtMs: number, nowMs: number, speed: number, slug: string): SimCheckpoint[] {
  const scenario = scenarioFor(ends.to.postalCode);
  const elapsedSimHours = ((nowMs - createdAtMs) * speed) / HOUR_MS;
  const places: Record<Step['place'], Place> = {
    origin: { city: ends.from.city, state: ends.from.state, countryRegion: ends.from.countryCode, location: null },
    departureHub: HUBS[ends.from.countryCode] ?? {
      city: ends.from.city,
      state: ends.from.state,
      countryRegion: ends.from.countryCode,
      location: 'Export Sorting Center',
    },
    arrivalHub: HUBS[ends.to.countryCode] ?? {
      city: ends.to.city,
      state: ends.to.state,
      countryRegion: ends.to.countryCode,
      location: 'International Mail Centre',
    },
    destination: { city: ends.to.city, state: ends.to.state, countryRegion: ends.to.countryCode, location: null },
  };
  return JOURNEYS[scenario]
    .filter((step) => step.atHours <= elapsedSimHours)
    .map((step) => {
      const place = places[step.place];
      return {
        checkpointTime: new Date(createdAtMs + (step.atHours * HOUR_MS) / speed).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        city: place.city,
        state: place.state,
        countryRegion: place.countryRegion,
        location: step.location ?? place.location,
        message: step.message,
        tag: step.tag,
        subtag: step.subtag,
        subtagMessage: step.subtagMessage,
        slug,
      };
    })
    .reverse(); // newest first, as every example in the docs
}

/** Real time until the last checkpoint of a scenario, for tests and demos. */
export function journeyDurationMs(postalCode: string, speed: number): number {
  const steps = JOURNEYS[scenarioFor(postalCode)];
  return (steps[steps.length - 1]!.atHours * HOUR_MS) / speed;
}
