import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanScan } from '../../../../shared/scan/candidates';
import { useStation } from '../../lib/station-context';
import type { PackHandle } from '../orders/PackView';
import { MAX_SCAN_CHARS } from './resolve-scan';
import { useScanToast } from './ScanToast';
import type { ScanAlternative } from './use-scanner-capture';
import { useMixedTranslation } from '../../lib/english-text';

/** What the rest of the app may ask of the scan box. */
export interface ScanBoxHandle {
  /**
   * Look up a code as if it had been typed here and Enter pressed (a scan caught elsewhere on the page).
   * `alternative`: another reading of the same scan, looked up when the code itself is not found.
   */
  submit(code: string, alternative?: ScanAlternative): void;
}

export interface ScanBoxProps {
  inputRef?: Ref<HTMLInputElement>;
  handleRef?: Ref<ScanBoxHandle>;
  /** Scanning the shipment that is already open reprints it when the packer asked for that in Settings. */
  reprintOnRescan: boolean;
  openShipmentId: string | null;
  onOpen(id: string): void;
  onCreateForOrder(orderNumber: string): void;
  /** The order on the pack screen: a second scan of it makes its label. */
  openOrderId?: string | null;
  /** An imported order was scanned: open it on the pack screen, and make its label now when `ship`. */
  onOpenOrder?(id: string, ship: boolean): void;
  /** One number, several orders: show them (the orders list searched for it). */
  onSeveralOrders?(search: string): void;
  /** The open pack screen (command barcodes and box scans go to it), or null when none is open. */
  pack?: RefObject<PackHandle | null> | null;
}

/** A quick lookup says nothing until it answers; a slow one says it is looking. */
const LOOKING_NOTE_AFTER_MS = 400;

/**
 * The scanner is a keyboard that types a code and Enter. The box clears after
 * each scan so the next one starts clean; the answer is a toast (./ScanToast).
 * Scans that arrive while one is being looked up wait their turn.
 */
export function ScanBox({
  inputRef,
  handleRef,
  reprintOnRescan,
  openShipmentId,
  onOpen,
  onCreateForOrder,
  openOrderId = null,
  onOpenOrder,
  onSeveralOrders,
  pack = null,
}: ScanBoxProps) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const station = useStation();
  const toast = useScanToast();
  const [value, setValue] = useState('');
  const queue = useRef<{ code: string; alternative?: ScanAlternative }[]>([]);
  const busy = useRef(false);
  // A lookup finishes after the props it started with may have changed (the packer moved on): it reads the newest.
  const latest = useRef({ reprintOnRescan, openShipmentId, onOpen, onCreateForOrder, openOrderId, onOpenOrder, onSeveralOrders, pack });
  useEffect(() => {
    latest.current = { reprintOnRescan, openShipmentId, onOpen, onCreateForOrder, openOrderId, onOpenOrder, onSeveralOrders, pack };
  }, [reprintOnRescan, openShipmentId, onOpen, onCreateForOrder, openOrderId, onOpenOrder, onSeveralOrders, pack]);

  const lookUp = useCallback(
    async (scanned: string, alternative?: ScanAlternative) => {
      let code = scanned;
      const slow = setTimeout(() => toast.show({ tone: 'info', text: t('scan.looking', { code }) }), LOOKING_NOTE_AFTER_MS);
      try {
        // Commands, boxes, imported orders, then shipments: the station decides what a scan is (scan:resolve).
        const opened = latest.current.openOrderId;
        const resolve = (value: string) => station.scanResolve({ code: value, ...(opened ? { openOrderId: opened } : {}) });
        let answer = await resolve(code);
        // Not found as scanned: the other reading (without a character the packer typed just before) may be.
        if (alternative && answer.ok && answer.value.kind === 'unknown') {
          const other = await resolve(alternative.code);
          if (other.ok && other.value.kind !== 'unknown') {
            answer = other;
            code = alternative.code;
            alternative.chosen();
          }
        }
        const now = latest.current;
        if (!answer.ok) {
          toast.show({ tone: 'error', text: mixed('scan.failed', { code, message: answer.error.message }, ['message']) });
          return;
        }
        const found = answer.value;
        const packScreen = now.pack?.current ?? null;
        if (found.kind === 'command') {
          if (packScreen) packScreen.command(found.command);
          else toast.show({ tone: 'error', text: t('pack.noOrderOpen') });
        } else if (found.kind === 'box') {
          if (packScreen) packScreen.chooseBox(found.box);
          else toast.show({ tone: 'error', text: t('pack.noOrderOpen') });
        } else if (found.kind === 'order' && now.onOpenOrder) {
          const { order, next } = found;
          const alreadyOpen = now.openOrderId === order.id;
          if (next === 'already-labelled') {
            toast.show({ tone: 'error', text: t('pack.alreadyLabelled', { order: order.orderNumber }) });
            if (!alreadyOpen) now.onOpenOrder(order.id, false);
          } else if (next === 'do-not-ship') {
            toast.show({ tone: 'error', text: t('pack.doNotShip', { order: order.orderNumber }) });
            if (!alreadyOpen) now.onOpenOrder(order.id, false);
          } else {
            if (next === 'open') toast.show({ tone: 'ok', text: t('scanner.found', { code: order.orderNumber }) });
            now.onOpenOrder(order.id, next === 'ship');
          }
        } else if (found.kind === 'orders' && now.onSeveralOrders) {
          toast.show({ tone: 'error', text: t('pack.several', { code: found.candidate.value }) });
          now.onSeveralOrders(found.candidate.value);
        } else if (found.kind === 'packer') {
          // A packer's badge: they go on duty here, whatever screen is open.
          toast.show({ tone: 'ok', text: t('packers.scanned', { name: found.packer.name }) });
        } else if (found.kind === 'unknown') {
          const orderNumber = found.orderNumber;
          toast.show({
            tone: 'error',
            text: t('scan.notFound', { code: found.code }),
            ...(orderNumber
              ? { action: { label: t('scan.createFor', { code: orderNumber }), run: () => latest.current.onCreateForOrder(orderNumber) } }
              : {}),
          });
        } else if (found.kind === 'shipment') {
          if (now.reprintOnRescan && now.openShipmentId === found.shipment.id) {
            // A reprint by scan asks nothing: the audit log records it as a rescan.
            const r = await station.labelsReprint({ shipmentId: found.shipment.id, reason: 'rescan' });
            toast.show(
              r.ok
                ? { tone: 'ok', text: t('scan.reprinted', { code }) }
                : { tone: 'error', text: t('scan.failed', { code, message: r.error.message }) },
            );
          } else {
            toast.show({ tone: 'ok', text: t('scanner.found', { code: found.candidate.value }) });
            now.onOpen(found.shipment.id);
          }
        } else {
          // A reserved code this station does not use (a newer station's command, a badge).
          toast.show({ tone: 'error', text: t('scanner.unknownCommand', { code }) });
        }
      } finally {
        clearTimeout(slow);
      }
    },
    [station, t, mixed, toast],
  );

  const submit = useCallback(
    (raw: string, alternative?: ScanAlternative) => {
      const code = cleanScan(raw).slice(0, MAX_SCAN_CHARS);
      setValue('');
      if (!code) return;
      const other = alternative ? cleanScan(alternative.code).slice(0, MAX_SCAN_CHARS) : '';
      queue.current.push(alternative && other && other !== code ? { code, alternative: { ...alternative, code: other } } : { code });
      if (busy.current) return;
      busy.current = true;
      void (async () => {
        try {
          for (let next = queue.current.shift(); next !== undefined; next = queue.current.shift())
            await lookUp(next.code, next.alternative);
        } finally {
          busy.current = false;
        }
      })();
    },
    [lookUp],
  );

  useImperativeHandle(handleRef, () => ({ submit }), [submit]);

  return (
    <div className="scan">
      <form
        className="scan-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          submit(value);
        }}
      >
        <label htmlFor="scan-input" className="visually-hidden">
          {t('scan.label')}
        </label>
        <input
          id="scan-input"
          ref={inputRef}
          className="scan-input"
          value={value}
          maxLength={MAX_SCAN_CHARS}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('scan.placeholder')}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="scan-submit">
          {t('scan.submit')}
        </button>
      </form>
    </div>
  );
}
