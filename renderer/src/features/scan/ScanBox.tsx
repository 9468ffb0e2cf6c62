import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanScan } from '../../../../shared/scan/candidates';
import { parseBadgeBarcode } from '../../../../shared/domain/packers';
import { useStation } from '../../lib/station-context';
import { MAX_SCAN_CHARS, resolveScan } from './resolve-scan';
import { useScanToast } from './ScanToast';

/** What the rest of the app may ask of the scan box. */
export interface ScanBoxHandle {
  /** Look up a code as if it had been typed here and Enter pressed (a scan caught elsewhere on the page). */
  submit(code: string): void;
}

export interface ScanBoxProps {
  inputRef?: Ref<HTMLInputElement>;
  handleRef?: Ref<ScanBoxHandle>;
  /** Scanning the shipment that is already open reprints it when the packer asked for that in Settings. */
  reprintOnRescan: boolean;
  openShipmentId: string | null;
  onOpen(id: string): void;
  onCreateForOrder(orderNumber: string): void;
}

/** A quick lookup says nothing until it answers; a slow one says it is looking. */
const LOOKING_NOTE_AFTER_MS = 400;

/**
 * The scanner is a keyboard that types a code and Enter. The box clears after
 * each scan so the next one starts clean; the answer is a toast (./ScanToast).
 * Scans that arrive while one is being looked up wait their turn.
 */
export function ScanBox({ inputRef, handleRef, reprintOnRescan, openShipmentId, onOpen, onCreateForOrder }: ScanBoxProps) {
  const { t } = useTranslation();
  const station = useStation();
  const toast = useScanToast();
  const [value, setValue] = useState('');
  const queue = useRef<string[]>([]);
  const busy = useRef(false);
  // A lookup finishes after the props it started with may have changed (the packer moved on): it reads the newest.
  const latest = useRef({ reprintOnRescan, openShipmentId, onOpen, onCreateForOrder });
  useEffect(() => {
    latest.current = { reprintOnRescan, openShipmentId, onOpen, onCreateForOrder };
  }, [reprintOnRescan, openShipmentId, onOpen, onCreateForOrder]);

  const lookUp = useCallback(
    async (code: string) => {
      const slow = setTimeout(() => toast.show({ tone: 'info', text: t('scan.looking', { code }) }), LOOKING_NOTE_AFTER_MS);
      try {
        // A packer's badge: they go on duty here, whatever screen is open (one scan changes the packer).
        if (parseBadgeBarcode(code) !== null) {
          const r = await station.scanResolve({ code });
          if (!r.ok) toast.show({ tone: 'error', text: t('scan.failed', { code, message: r.error.message }) });
          else if (r.value.kind === 'packer') toast.show({ tone: 'ok', text: t('packers.scanned', { name: r.value.packer.name }) });
          else toast.show({ tone: 'error', text: t('scanner.unknownCommand', { code }) });
          return;
        }
        const found = await resolveScan(station, code);
        const now = latest.current;
        if (found.kind === 'error') {
          toast.show({ tone: 'error', text: t('scan.failed', { code, message: found.error.message }) });
        } else if (found.kind === 'command') {
          toast.show({ tone: 'error', text: t('scanner.unknownCommand', { code: found.code }) });
        } else if (found.kind === 'unknown') {
          const orderNumber = found.orderNumber;
          toast.show({
            tone: 'error',
            text: t('scan.notFound', { code: found.code }),
            ...(orderNumber
              ? { action: { label: t('scan.createFor', { code: orderNumber }), run: () => latest.current.onCreateForOrder(orderNumber) } }
              : {}),
          });
        } else if (now.reprintOnRescan && now.openShipmentId === found.shipment.id) {
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
      } finally {
        clearTimeout(slow);
      }
    },
    [station, t, toast],
  );

  const submit = useCallback(
    (raw: string) => {
      const code = cleanScan(raw).slice(0, MAX_SCAN_CHARS);
      setValue('');
      if (!code) return;
      queue.current.push(code);
      if (busy.current) return;
      busy.current = true;
      void (async () => {
        try {
          for (let next = queue.current.shift(); next !== undefined; next = queue.current.shift()) await lookUp(next);
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
