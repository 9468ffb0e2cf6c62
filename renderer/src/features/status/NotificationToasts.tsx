import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { EventPayload } from '../../../../shared/contract';
import { describeNotification } from '../../../../shared/domain/notification-facts';
import { useStation } from '../../lib/station-context';

type Notice = EventPayload<'tracking:notified'> & { key: number };

/** A toast stays long enough to be read from the bench after a label is peeled off. */
export const TOAST_MS = 10_000;
const MAX_TOASTS = 3;

/** The toast's sentences in the packer's language, from the facts the tracking engine sent. */
export function describeNotice(n: EventPayload<'tracking:notified'>, t: TFunction): { title: string; body: string } {
  return describeNotification(n.facts, n.tag, {
    tagTitle: (tag) => (n.facts.kind === 'digest' ? t(`tags.${tag}`) : t(`notifications.changeTitle.${tag}`)),
    digestTitle: (count) => t('notifications.digestTitle', { count }),
    someShipment: t('notifications.someShipment'),
    order: (order) => t('notifications.order', { order }),
    to: (name) => t('notifications.to', { name }),
  });
}

/** Private-use characters no message contains: around the shipment's own data, and around the courier's words. */
const DATA = '\uE000';
const COURIER = '\uE001';
const PARTS = new RegExp(`${DATA}([^${DATA}]*)${DATA}|${COURIER}([^${COURIER}]*)${COURIER}`);
const HAN = /\p{Script=Han}/u;

/**
 * The toast's body with its data marked for a reader: tracking and order numbers and the recipient's name
 * are never translated (translate="no"), the courier's words are English unless they are in Chinese script.
 */
function NoticeBody({ notice, t }: { notice: EventPayload<'tracking:notified'>; t: TFunction }) {
  const facts = notice.facts;
  if (facts.kind !== 'change') return <>{describeNotice(notice, t).body}</>;
  const mark = (v: string | null) => (v === null ? null : `${DATA}${v}${DATA}`);
  const marked = {
    ...notice,
    facts: {
      ...facts,
      trackingNumber: mark(facts.trackingNumber),
      orderNumber: mark(facts.orderNumber),
      recipientName: mark(facts.recipientName),
      detail: facts.detail === null ? null : `${COURIER}${facts.detail}${COURIER}`,
    },
  };
  const parts = describeNotice(marked, t).body.split(PARTS);
  // split() with two groups: text, data, courier, text, data, courier, …
  return (
    <>
      {parts.map((part, i) => {
        if (part === undefined || part === '') return null;
        if (i % 3 === 1)
          return (
            <span key={i} translate="no">
              {part}
            </span>
          );
        if (i % 3 === 2)
          return HAN.test(part) ? (
            <span key={i}>{part}</span>
          ) : (
            <span key={i} lang="en">
              {part}
            </span>
          );
        return part;
      })}
    </>
  );
}

/**
 * In browser mode there is no desktop notification: the same `tracking:notified`
 * events show here instead (newest on top, at most three, each with a way to
 * open its shipment). Courier text inside them is rendered as text, never HTML.
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
      {notices.map((n) => {
        const text = describeNotice(n, t);
        return (
          <div key={n.key} className={`toast ${n.tag ? `toast-${n.tag}` : ''}`} data-testid="toast">
            <strong>{text.title}</strong>
            <span>
              <NoticeBody notice={n} t={t} />
            </span>
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
        );
      })}
    </div>
  );
}
