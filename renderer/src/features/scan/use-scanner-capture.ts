/**
 * Scans always land in the scan box. A scanner types into whatever has focus;
 * this listens to every keystroke first (capture phase) and:
 * - lets every character through as typed, so ordinary typing is never taken
 *   over and a packer's words stay where they typed them;
 * - when a run turns out to be a scan (see ./burst.ts), stops its Enter before
 *   any form or control sees it, puts the focused field back as it was before
 *   the run, and hands the code to the scan box (in the scan box itself, the
 *   code is the box's whole text: a key the page held mid-scan splits a burst);
 * - outside an editable field, sends a typed character to the scan box (so a
 *   code typed by hand goes there too), but never Space or Enter: those belong
 *   to the focused button, chip, summary or row.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { BurstThresholds } from './burst';
import { BurstDetector } from './burst';
import { restoreField, snapshotField, type FieldSnapshot } from './field-snapshot';

/** A second reading of a scan: the code without a lone character typed just before it (see ./burst.ts). */
export interface ScanAlternative {
  code: string;
  /** The alternative was the one found: the lone character was the packer's, and goes back where they typed it. */
  chosen(): void;
}

export interface ScannerCaptureOptions {
  thresholds: BurstThresholds;
  /** The scan box's input: where typed characters go when no field has focus. */
  scanInput: RefObject<HTMLInputElement | null>;
  onScan(code: string, alternative?: ScanAlternative): void;
}

/** Keys with a meaning of their own on a focused control: never redirected. */
const CONTROL_KEYS: ReadonlySet<string> = new Set([' ', 'Enter']);

/** True when a keystroke belongs to the element that has focus (typing in a field, choosing in a list). */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useScannerCapture({ thresholds, scanInput, onScan }: ScannerCaptureOptions): void {
  const detector = useRef(new BurstDetector(thresholds));
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);
  useEffect(() => {
    detector.current.thresholds = thresholds;
  }, [thresholds]);

  useEffect(() => {
    let before: FieldSnapshot | null = null;
    /** The field with the lone character in it, when a run started right after one. */
    let withLead: FieldSnapshot | null = null;
    const onKey = (e: KeyboardEvent) => {
      const altGraph = e.getModifierState?.('AltGraph') ?? false;
      const step = detector.current.feed({
        key: e.key,
        time: e.timeStamp,
        composing: e.isComposing || e.keyCode === 229,
        shortcut: e.ctrlKey || e.metaKey || (e.altKey && !altGraph),
      });
      if (step.kind === 'start') {
        // After a lone character, the field as it was before that character is what a scan gives back.
        if (step.afterStray) withLead = snapshotField(document.activeElement);
        else {
          before = snapshotField(document.activeElement);
          withLead = null;
        }
      }
      if (step.kind === 'scan') {
        // The scan's Enter is not the focused form's Enter.
        e.preventDefault();
        e.stopPropagation();
        const field = before;
        const typed = withLead;
        before = null;
        withLead = null;
        const box = scanInput.current;
        if (box && e.target === box) {
          // In the scan box everything typed is the code: a page that held a key mid-scan splits the burst, and
          // the run alone would then be the code's tail. The run alone is still tried when the whole is not found
          // (a stray character left in the box before the scan).
          const run = (step.lead ?? '') + step.code;
          onScanRef.current(box.value, run !== box.value ? { code: run, chosen: () => undefined } : undefined);
          return;
        }
        if (field) restoreField(field);
        if (step.lead === undefined) {
          onScanRef.current(step.code);
          return;
        }
        onScanRef.current(step.lead + step.code, {
          code: step.code,
          chosen: () => {
            // Put the packer's character back, unless the field has changed since.
            if (field && typed && field.element.isConnected && field.element.value === field.value) restoreField(typed);
          },
        });
        return;
      }
      if (step.kind === 'other') {
        before = null;
        withLead = null;
      }
      const printable = step.kind === 'start' || step.kind === 'char';
      // Typed outside any field: the scan box takes it (the character follows the focus).
      if (printable && !CONTROL_KEYS.has(e.key) && !isEditable(e.target)) scanInput.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [scanInput]);
}
