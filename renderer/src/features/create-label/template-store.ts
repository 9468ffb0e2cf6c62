import type { LabelDraft } from './form-model';

const TEMPLATE_KEY = 'station.labelTemplate.v1';

/**
 * The last shipment's recipient-free template (Ctrl+D), kept across reloads
 * in the page's own storage. It holds no recipient, so nothing personal is kept.
 * A stored value that no longer has the draft's shape is ignored.
 */
export function loadTemplate(storage: Storage = localStorage): LabelDraft | null {
  try {
    const raw = storage.getItem(TEMPLATE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LabelDraft>;
    if (!parsed || !Array.isArray(parsed.parcels) || typeof parsed.courier !== 'string' || !parsed.shipFrom || !parsed.shipTo) return null;
    return parsed as LabelDraft;
  } catch {
    return null;
  }
}

export function saveTemplate(template: LabelDraft, storage: Storage = localStorage): void {
  try {
    storage.setItem(TEMPLATE_KEY, JSON.stringify(template));
  } catch {
    // A full or disabled storage only costs the shortcut.
  }
}
