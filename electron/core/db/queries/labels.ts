import type { LabelState } from '../../../../shared/domain/shipment';
import type { FieldError } from '../../../../shared/result';
import { prepared, type ReadableDb, type WritableDb } from '../types';

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

const COLUMNS = `shipment_id AS shipmentId, attempt, idempotency_key AS idempotencyKey, request_json AS requestJson, state,
  label_id AS labelId, courier_order_number AS courierOrderNumber, courier_tracking_number AS courierTrackingNumber,
  error_code AS errorCode, error_message AS errorMessage, field_errors_json AS fieldErrorsJson,
  created_at AS createdAt, updated_at AS updatedAt`;

function fromRaw(r: RawLabelRow): LabelRow {
  const { fieldErrorsJson, ...rest } = r;
  return { ...rest, fieldErrors: fieldErrorsJson ? (JSON.parse(fieldErrorsJson) as FieldError[]) : null };
}

export function insertLabel(
  db: WritableDb,
  l: { shipmentId: string; attempt: number; idempotencyKey: string; requestJson: string; at: number },
): void {
  prepared<object>(
    db,
    `INSERT INTO labels (shipment_id, attempt, idempotency_key, request_json, state, created_at, updated_at)
     VALUES (@shipmentId, @attempt, @idempotencyKey, @requestJson, 'submitting', @at, @at)`,
  ).run(l);
}

export function getLabel(db: ReadableDb, shipmentId: string, attempt: number): LabelRow | undefined {
  const r = prepared<object, RawLabelRow>(db, `SELECT ${COLUMNS} FROM labels WHERE shipment_id = @shipmentId AND attempt = @attempt`).get({
    shipmentId,
    attempt,
  });
  return r ? fromRaw(r) : undefined;
}

/** Every attempt for a shipment, oldest first (the detail view shows the history of retries). */
export function listLabelAttempts(db: ReadableDb, shipmentId: string): LabelRow[] {
  return prepared<object, RawLabelRow>(db, `SELECT ${COLUMNS} FROM labels WHERE shipment_id = @shipmentId ORDER BY attempt`)
    .all({ shipmentId })
    .map(fromRaw);
}

export function listUnfinishedLabels(db: ReadableDb): LabelRow[] {
  return prepared<void, RawLabelRow>(
    db,
    `SELECT ${COLUMNS} FROM labels WHERE state IN ('submitting', 'created', 'document_ready') ORDER BY created_at, shipment_id, attempt`,
  )
    .all()
    .map(fromRaw);
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
export function updateLabel(db: WritableDb, shipmentId: string, attempt: number, u: LabelUpdate): void {
  prepared<object>(
    db,
    `UPDATE labels SET state = @state,
       label_id = CASE WHEN @setLabelId THEN @labelId ELSE label_id END,
       courier_order_number = CASE WHEN @setOrder THEN @courierOrderNumber ELSE courier_order_number END,
       courier_tracking_number = CASE WHEN @setTracking THEN @courierTrackingNumber ELSE courier_tracking_number END,
       error_code = @errorCode, error_message = @errorMessage, field_errors_json = @fieldErrorsJson, updated_at = @at
     WHERE shipment_id = @shipmentId AND attempt = @attempt`,
  ).run({
    shipmentId,
    attempt,
    state: u.state,
    setLabelId: u.labelId !== undefined ? 1 : 0,
    labelId: u.labelId ?? null,
    setOrder: u.courierOrderNumber !== undefined ? 1 : 0,
    courierOrderNumber: u.courierOrderNumber ?? null,
    setTracking: u.courierTrackingNumber !== undefined ? 1 : 0,
    courierTrackingNumber: u.courierTrackingNumber ?? null,
    errorCode: u.errorCode ?? null,
    errorMessage: u.errorMessage ?? null,
    fieldErrorsJson: u.fieldErrors ? JSON.stringify(u.fieldErrors) : null,
    at: u.at,
  });
}
