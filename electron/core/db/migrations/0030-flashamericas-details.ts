import { execScript } from '../types';
import type { Migration } from './types';

/**
 * What Flash Americas tells about a shipment beyond the common tracking
 * model: carrier and service, estimated delivery, who signed and the proof
 * of delivery, and per event its id, event type, facility type and
 * coordinates (the timeline shows them; the common `checkpoints` table has
 * no columns for them and Flex Forward never sends them).
 *
 * Events are keyed by Flash Americas' own event id, so the same scan seen by
 * a poll, the events feed and a webhook is stored once.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'flashamericas-details',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE fa_details (
        shipment_id TEXT PRIMARY KEY REFERENCES shipments (id) ON DELETE CASCADE,
        fa_shipment_id TEXT,
        carrier TEXT,
        service TEXT,
        estimated_delivery_at INTEGER,
        delivered_at INTEGER,
        recipient TEXT,
        proof_of_delivery_url TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE fa_events (
        shipment_id TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        event_at INTEGER NOT NULL,
        provider_status TEXT NOT NULL,
        event_type TEXT,
        facility_type TEXT,
        latitude REAL,
        longitude REAL,
        exception_code TEXT,
        exception_reason TEXT,
        recipient TEXT,
        proof_of_delivery_url TEXT,
        PRIMARY KEY (shipment_id, event_id)
      ) STRICT;
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE fa_details (
        shipment_id TEXT COLLATE "C" PRIMARY KEY REFERENCES shipments (id) ON DELETE CASCADE,
        fa_shipment_id TEXT,
        carrier TEXT,
        service TEXT,
        estimated_delivery_at BIGINT,
        delivered_at BIGINT,
        recipient TEXT,
        proof_of_delivery_url TEXT,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE fa_events (
        shipment_id TEXT COLLATE "C" NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        event_at BIGINT NOT NULL,
        provider_status TEXT NOT NULL,
        event_type TEXT,
        facility_type TEXT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        exception_code TEXT,
        exception_reason TEXT,
        recipient TEXT,
        proof_of_delivery_url TEXT,
        PRIMARY KEY (shipment_id, event_id)
      );
    `,
      ),
  },
};
