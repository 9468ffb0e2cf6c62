import type { Handlers } from '../invoke';
import type { LabelWorkflow } from '../labels/workflow';
import { loadDocument } from '../labels/document-store';
import type { ReadableDb } from '../db/types';
import { getShipment } from '../db/queries/shipments';
import { StationFailure } from '../../../shared/result';

export interface LabelsHandlerDeps {
  workflow: LabelWorkflow;
  db: ReadableDb;
  documentsDir: string;
}

export function labelsHandlers(deps: LabelsHandlerDeps): Pick<Handlers, 'labels:create' | 'labels:retry' | 'labels:reprint' | 'labels:document'> {
  return {
    // The contract already parsed the request with the form's own schema.
    'labels:create': async ({ confirm, ...request }) => deps.workflow.create(request, { printLater: confirm?.printLater === true }),
    'labels:retry': async ({ shipmentId }) => deps.workflow.retry(shipmentId),
    'labels:reprint': async ({ shipmentId }) => deps.workflow.reprint(shipmentId),
    'labels:document': async ({ shipmentId }) => {
      const attempt = getShipment(deps.db, shipmentId)?.currentAttempt;
      if (!attempt) throw new StationFailure('NOT_FOUND', 'This shipment has no label.');
      const { meta, bytes } = loadDocument(deps.db, deps.documentsDir, shipmentId, attempt);
      return { format: meta.format, base64: bytes.toString('base64'), sha256: meta.sha256 };
    },
  };
}
