/**
 * The answer to a scan, in large type where a packer sees it from the bench:
 * green when the scan found something, red when it did not (optionally with
 * a tone, Settings → Scanner). It goes away after a few seconds or at the
 * packer's next action (a click or a key outside it), and it sits in the page
 * above the status bar instead of floating over it, so it never covers a
 * control. Its two live regions are on the page from the start (a region
 * that appears together with its text is often not announced): results are
 * polite `status` messages, failures `alert`s.
 *
 * Toast API for other features (command barcodes, badges):
 *   const toast = useScanToast();
 *   toast.show({ tone: 'ok', text: t('…') });
 *   toast.show({ tone: 'error', text, action: { label, run } });
 *   toast.dismiss();
 * A new message replaces the one shown.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { playScanTone } from './sound';

export type ScanToastTone = 'ok' | 'error' | 'info';

export interface ScanToastMessage {
  tone: ScanToastTone;
  /** A station message inside is marked English (EnglishText, useMixedTranslation) on a Chinese screen. */
  text: ReactNode;
  /** At most one button, e.g. "Create a label for order X". */
  action?: { label: string; run(): void };
}

export interface ScanToastApi {
  show(message: ScanToastMessage): void;
  dismiss(): void;
}

/** Long enough to read from a step back; short enough not to be mistaken for the next scan's answer. */
export const SCAN_TOAST_OK_MS = 4_000;
/** A red answer stays longer: it may need reading and its button pressing. */
export const SCAN_TOAST_ERROR_MS = 8_000;

interface Shown extends ScanToastMessage {
  key: number;
}

interface ToastState {
  api: ScanToastApi;
  current: Shown | null;
}

const ScanToastContext = createContext<ToastState | null>(null);

export function ScanToastProvider({ sound, children }: { sound: boolean; children: ReactNode }) {
  const [current, setCurrent] = useState<Shown | null>(null);
  const next = useRef(0);
  const soundOn = useRef(sound);
  useEffect(() => {
    soundOn.current = sound;
  }, [sound]);

  const api = useMemo<ScanToastApi>(
    () => ({
      show(message) {
        next.current += 1;
        setCurrent({ ...message, key: next.current });
        if (soundOn.current && message.tone !== 'info') playScanTone(message.tone);
      },
      dismiss() {
        setCurrent(null);
      },
    }),
    [],
  );

  useEffect(() => {
    // "Looking up…" waits for its answer; results leave on their own.
    if (!current || current.tone === 'info') return;
    const timer = setTimeout(
      () => setCurrent((shown) => (shown?.key === current.key ? null : shown)),
      current.tone === 'ok' ? SCAN_TOAST_OK_MS : SCAN_TOAST_ERROR_MS,
    );
    return () => clearTimeout(timer);
  }, [current]);

  const value = useMemo(() => ({ api, current }), [api, current]);
  return <ScanToastContext.Provider value={value}>{children}</ScanToastContext.Provider>;
}

export function useScanToast(): ScanToastApi {
  const state = useContext(ScanToastContext);
  if (!state) throw new Error('useScanToast outside <ScanToastProvider>');
  return state.api;
}

/** Keys that move around the page (to the toast's own button, say) are not an action on it. */
const PASSIVE_KEYS: ReadonlySet<string> = new Set(['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export function ScanToast() {
  const state = useContext(ScanToastContext);
  if (!state) throw new Error('<ScanToast> outside <ScanToastProvider>');
  const { api, current } = state;
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!current) return;
    const inside = (target: EventTarget | null) => target instanceof Node && !!box.current?.contains(target);
    const onPointer = (e: PointerEvent) => {
      if (!inside(e.target)) api.dismiss();
    };
    const onKey = (e: KeyboardEvent) => {
      if (!PASSIVE_KEYS.has(e.key) && !inside(e.target)) api.dismiss();
    };
    // Listen from the next task on: the keystroke that led to this message is not the next action.
    const start = setTimeout(() => {
      window.addEventListener('pointerdown', onPointer, true);
      window.addEventListener('keydown', onKey, true);
    }, 0);
    return () => {
      clearTimeout(start);
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [current, api]);

  const body = (tone: 'polite' | 'alert') => {
    if (!current || (current.tone === 'error') !== (tone === 'alert')) return null;
    return (
      <div className={`scan-toast scan-toast-${current.tone}`} data-testid="scan-toast" data-tone={current.tone}>
        <span className="scan-toast-text">{current.text}</span>
        {current.action && (
          <button
            type="button"
            className="scan-toast-action"
            onClick={() => {
              const { run } = current.action!;
              api.dismiss();
              run();
            }}
          >
            {current.action.label}
          </button>
        )}
      </div>
    );
  };

  return (
    <div ref={box} className="scan-toast-slot">
      <div role="status" aria-live="polite" data-testid="scan-status">
        {body('polite')}
      </div>
      <div role="alert" data-testid="scan-alert">
        {body('alert')}
      </div>
    </div>
  );
}
