/**
 * Keeping a settings file aside before it is replaced, for both backends
 * (browser mode's JSON file and electron-store). A readable file is copied;
 * something that cannot be copied (a folder named settings.json, a file we
 * may not read) is moved aside instead, so defaults can be written in its
 * place and nothing that was there is lost.
 */
import { copyFileSync, lstatSync, renameSync } from 'node:fs';

/** `<name>.<label>-<ISO time>.json` beside the original. */
export function asideName(location: string, label: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return location.replace(/\.json$/, '') + `.${label}-${stamp}.json`;
}

/**
 * Returns where the original went, or null when there was nothing there.
 * Throws when it can be neither copied nor moved: the caller must then leave
 * the original alone (never write over what could not be kept).
 */
export function keepAside(location: string, label: string, now: Date): string | null {
  let isFile: boolean;
  try {
    isFile = lstatSync(location).isFile();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const target = asideName(location, label, now);
  if (isFile) {
    try {
      copyFileSync(location, target);
      return target;
    } catch {
      // Unreadable (permissions): moving it needs only the folder's permission.
    }
  }
  renameSync(location, target);
  return target;
}

/** Why a settings file could not be read, in words an admin acts on. */
export function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}
