import type { Handlers } from '../invoke';
import type { LabelWorkflow } from '../labels/workflow';
import { loadDocument } from '../labels/document-store';
import type { WritableDb } from '../db/types';
import { voidLabel, type VoidLabelDeps } from '../labels/void-label';
import { getShipment } from '../db/queries/shipments';
import { StationFailure } from '../../../shared/result';
import { fitToMediaPdf } from '../printing/fit-pdf';
import type { PrintProfiles } from '../printing/profiles';

export interface LabelsHandlerDeps {
  workflow: LabelWorkflow;
  /** "Mark as void": recorded here only (void-label.ts). Absent: a composition without it (tests) says UNAVAILABLE. */
  voiding?: Omit<VoidLabelDeps, 'db'>;
  db: WritableDb;
  documentsDir: string | null;
  profiles: Pick<PrintProfiles, 'get'>;
}

export function labelsHandlers(
  deps: LabelsHandlerDeps,
): Pick<Handlers, 'labels:create' | 'labels:retry' | 'labels:reprint' | 'labels:takeOver' | 'labels:document' | 'labels:fitted' | 'labels:void'> {
  const stored = async (shipmentId: string) => {
    const attempt = (await getShipment(deps.db, shipmentId))?.currentAttempt;
    if (!attempt) throw new StationFailure('NOT_FOUND', 'This shipment has no label.');
    return loadDocument(deps.db, deps.documentsDir, shipmentId, attempt);
  };
  return {
    // The contract already parsed the request with the form's own schema.
    'labels:create': async ({ confirm, ...request }) =>
      deps.workflow.create(request, { printLater: confirm?.printLater === true, duplicateOrder: confirm?.duplicateOrder === true }),
    'labels:retry': async ({ shipmentId, request }) => deps.workflow.retry(shipmentId, request),
    'labels:reprint': async ({ shipmentId, reason }) => deps.workflow.reprint(shipmentId, reason ?? null),
    'labels:void': async (args) => {
      if (!deps.voiding) throw new StationFailure('UNAVAILABLE', 'Voiding labels is not available here.');
      return voidLabel({ ...deps.voiding, db: deps.db }, args);
    },
    'labels:takeOver': async ({ shipmentId }) => deps.workflow.takeOver(shipmentId),
    'labels:document': async ({ shipmentId }) => {
      const { meta, bytes } = await stored(shipmentId);
      return { format: meta.format, base64: bytes.toString('base64'), sha256: meta.sha256 };
    },
    // The same fitting a print does (a DOCUMENT failure for an unreadable document), so the preview shows what prints.
    'labels:fitted': async ({ shipmentId, profileId }) => {
      const profile = deps.profiles.get(profileId ?? null);
      const { meta, bytes } = await stored(shipmentId);
      const fitted = await fitToMediaPdf({ bytes: new Uint8Array(bytes), format: meta.format }, profile);
      return {
        profileId: profile.id,
        profileName: profile.name,
        base64: Buffer.from(fitted.bytes).toString('base64'),
        pages: fitted.labels,
      };
    },
  };
}
