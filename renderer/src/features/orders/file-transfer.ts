/**
 * An order file from the file picker to the station: small files go inline
 * as base64; larger ones in pieces through `imports:upload` (browser mode
 * takes at most 1 MB a call), then named by their upload id. The station
 * removes an upload once it has read it, so each preview or import sends the
 * file again (from the browser's own copy, no disk read).
 */
import type { StationApi } from '../../../../shared/contract';
import { MAX_INLINE_FILE_BASE64_CHARS, MAX_UPLOAD_BYTES, type ImportFile } from '../../../../shared/domain/order-desk';
import { err, ok, type Result } from '../../../../shared/result';

/** 510 KB of bytes is 680 KB of base64: under the contract's cap for one piece. */
export const UPLOAD_PIECE_BYTES = 510 * 1024;
/** btoa takes a string of bytes: built in slices so a large piece never makes one huge argument list. */
const BTOA_SLICE_BYTES = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += BTOA_SLICE_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(i, i + BTOA_SLICE_BYTES));
  }
  return btoa(binary);
}

export async function fileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}

/** The file as the import calls name it; `onProgress` gets the share sent (0–1) while a large file goes up. */
export async function sendFile(
  station: StationApi,
  name: string,
  bytes: Uint8Array,
  onProgress: (sent: number) => void = () => {},
): Promise<Result<ImportFile>> {
  if (bytes.length > MAX_UPLOAD_BYTES) return err('INVALID_ARGUMENT', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  if (Math.ceil(bytes.length / 3) * 4 <= MAX_INLINE_FILE_BASE64_CHARS) return ok({ name, base64: toBase64(bytes) });
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_PIECE_BYTES) {
    const piece = bytes.subarray(offset, offset + UPLOAD_PIECE_BYTES);
    const r = await station.importsUpload({ ...(uploadId ? { uploadId } : {}), offset, base64: toBase64(piece) });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    onProgress(Math.min(1, (offset + piece.length) / bytes.length));
  }
  return ok({ name, uploadId: uploadId! });
}

/** Whether a chosen file is over the upload limit, before it is read (the limit in MB, for the message). */
export function overUploadLimit(file: Blob): { maxMb: number } | null {
  return file.size > MAX_UPLOAD_BYTES ? { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } : null;
}

/** Empties a file input and puts the focus on it, for the next file. */
export function clearFileInput(input: HTMLInputElement | null): void {
  if (!input) return;
  input.value = '';
  input.focus();
}
