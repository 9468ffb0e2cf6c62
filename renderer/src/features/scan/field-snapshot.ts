/**
 * What a form field held before a scan typed into it, and putting it back.
 * React owns these fields' values, so the old value is set the way the
 * browser would set it (the prototype's own `value` setter) and announced
 * with the event React listens to; React then updates its state as if the
 * packer had typed it back.
 */

export interface FieldSnapshot {
  element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

/** Input types whose text a scanner's characters can change. */
const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number']);

function textSelection(el: HTMLInputElement | HTMLTextAreaElement): [number | null, number | null] {
  try {
    return [el.selectionStart, el.selectionEnd];
  } catch {
    // `number` and `email` inputs refuse selection APIs.
    return [null, null];
  }
}

export function snapshotField(target: Element | null): FieldSnapshot | null {
  if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type))) {
    const [selectionStart, selectionEnd] = textSelection(target);
    return { element: target, value: target.value, selectionStart, selectionEnd };
  }
  // A list's type-ahead changes its choice as the scanner types.
  if (target instanceof HTMLSelectElement) return { element: target, value: target.value, selectionStart: null, selectionEnd: null };
  return null;
}

/** Puts the field back as it was; true when something had changed. */
export function restoreField(snapshot: FieldSnapshot): boolean {
  const el = snapshot.element;
  if (!el.isConnected || el.value === snapshot.value) return false;
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, snapshot.value);
  else el.value = snapshot.value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  if (!(el instanceof HTMLSelectElement) && snapshot.selectionStart !== null && snapshot.selectionEnd !== null) {
    try {
      el.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
    } catch {
      // Not every input type has a caret; the value is what matters.
    }
  }
  return true;
}
