import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../../shared/contract';
import { useStation } from '../../lib/station-context';

type Notice = EventPayload<'tracking:notified'> & { key: number };

/** A toast stays long enough to be read from the bench after a label is peeled off. */
export const TOAST_MS = 10_000;
const MAX_TOASTS = 3;

/**
 * In browser mode there is no desktop notification: the same `tracking:notified`
 * events show here instead (newest on top, at most three, each with a way to
 * open its shipment). Titles and bodies are courier text, so they are text.
 */
export function NotificationToasts({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useTranslation();
  const station = useStation();
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let next = 0;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const stop = station.subscribe((e) => {
      if (e.type !== 'tracking:notified') return;
      const key = next++;
      setNotices((list) => [{ ...e.payload, key }, ...list].slice(0, MAX_TOASTS));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setNotices((list) => list.filter((n) => n.key !== key));
      }, TOAST_MS);
      timers.add(timer);
    });
    return () => {
      stop();
      timers.forEach(clearTimeout);
    };
  }, [station]);

  const dismiss = (key: number) => setNotices((list) => list.filter((n) => n.key !== key));
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={t('notifications.label')}>
      {notices.map((n) => (
        <div key={n.key} className={`toast ${n.tag ? `toast-${n.tag}` : ''}`} data-testid="toast">
          <strong>{n.title}</strong>
          <span>{n.body}</span>
          <span className="toast-actions">
            {n.shipmentId && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  dismiss(n.key);
                  onOpen(n.shipmentId!);
                }}
              >
                {t('notifications.open')}
              </button>
            )}
            <button type="button" className="link-button" onClick={() => dismiss(n.key)}>
              {t('notifications.dismiss')}
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
