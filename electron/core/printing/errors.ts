import type { PrintFailureReason } from '../../../shared/domain/printing';
import { StationFailure } from '../../../shared/result';

/**
 * A print request that failed for a reason the packer can fix. The label
 * itself is never touched by a print failure, so every message ends in
 * "then reprint" rather than "create the label again".
 */
export class PrintFailure extends StationFailure {
  readonly reason: PrintFailureReason;
  constructor(reason: PrintFailureReason, message: string, cause?: unknown) {
    super(reason === 'unsupported' ? 'UNAVAILABLE' : 'PRINTER', message, undefined, { cause });
    this.name = 'PrintFailure';
    this.reason = reason;
  }
}
