import type { LabelState } from '../../../../shared/domain/shipment';
import type { FieldError } from '../../../../shared/result';
import type { ReadableDb, WritableDb } from '../types';

/** States the workflow still has work to do in; everything else is at rest. */
export const UNFINISHED_LABEL_STATES = ['submitting', 'created', 'document_ready'] as const satisfies readonly LabelState[];

export interface LabelRow {
  shipmentId: string;
  attempt: number;
  idempotencyKey: string;
  requestJson: string;
  state: LabelState;
  labelId: string | null;
  courierOrderNumber: string | null;
  courierTrackingNumber: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  fieldErrors: FieldError[] | null;
  createdAt: number;
  updatedAt: number;
}

interface RawLabelRow extends Omit<LabelRow, 'fieldErrors'> {
  fieldErrorsJson: string | null;
}

const COLUMNS = [
  'shipment_id as shipmentId',
  'attempt',
  'idempotency_key as idempotencyKey',
  'request_json as requestJson',
  'state',
  'label_id as labelId',
  'courier_order_number as courierOrderNumber',
  'courier_tracking_number as courierTrackingNumber',
  'error_code as errorCode',
  'error_message as errorMessage',
  'field_errors_json as fieldErrorsJson',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

function fromRaw(r: RawLabelRow): LabelRow {
  const { fieldErrorsJson, ...rest } = r;
  return { ...rest, fieldErrors: fieldErrorsJson ? (JSON.parse(fieldErrorsJson) as FieldError[]) : null };
}

export async function insertLabel(
  db: WritableDb,
  l: { shipmentId: string; attempt: number; idempotencyKey: string; requestJson: string; at: number },
): Promise<void> {
  await db
    .insertInto('labels')
    .values({
      shipment_id: l.shipmentId,
      attempt: l.attempt,
      idempotency_key: l.idempotencyKey,
      request_json: l.requestJson,
      state: 'submitting',
      created_at: l.at,
      updated_at: l.at,
    })
    .execute();
}

export async function getLabel(db: ReadableDb, shipmentId: string, attempt: number): Promise<LabelRow | undefined> {
  const r = await db
    .selectFrom('labels')
    .select(COLUMNS)
    .where('shipment_id', '=', shipmentId)
    .where('attempt', '=', attempt)
    .executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

/** Every attempt for a shipment, oldest first (the detail view shows the history of retries). */
export async function listLabelAttempts(db: ReadableDb, shipmentId: string): Promise<LabelRow[]> {
  const rows = await db.selectFrom('labels').select(COLUMNS).where('shipment_id', '=', shipmentId).orderBy('attempt').execute();
  return rows.map(fromRaw);
}

export async function listUnfinishedLabels(db: ReadableDb): Promise<LabelRow[]> {
  const rows = await db
    .selectFrom('labels')
    .select(COLUMNS)
    .where('state', 'in', UNFINISHED_LABEL_STATES)
    .orderBy('created_at')
    .orderBy('shipment_id')
    .orderBy('attempt')
    .execute();
  return rows.map(fromRaw);
}

export interface LabelUpdate {
  state: LabelState;
  labelId?: string | null;
  courierOrderNumber?: string | null;
  courierTrackingNumber?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  fieldErrors?: FieldError[] | null;
  at: number;
}

/**
 * Moves a label to a new state. Fields left out keep their value; the error
 * fields are cleared unless given, so a step that succeeds wipes the last failure.
 */
export async function updateLabel(db: WritableDb, shipmentId: string, attempt: number, u: LabelUpdate): Promise<void> {
  await db
    .updateTable('labels')
    .set({
      state: u.state,
      ...(u.labelId !== undefined ? { label_id: u.labelId } : {}),
      ...(u.courierOrderNumber !== undefined ? { courier_order_number: u.courierOrderNumber } : {}),
      ...(u.courierTrackingNumber !== undefined ? { courier_tracking_number: u.courierTrackingNumber } : {}),
      error_code: u.errorCode ?? null,
      error_message: u.errorMessage ?? null,
      field_errors_json: u.fieldErrors ? JSON.stringify(u.fieldErrors) : null,
      updated_at: u.at,
    })
    .where('shipment_id', '=', shipmentId)
    .where('attempt', '=', attempt)
    .execute();
}
