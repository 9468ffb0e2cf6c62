import { describe, expect, it } from 'vitest';
import { NOTIFY_COALESCE_WINDOW_MS, NotificationRules, type TrackingNotification } from '../../../electron/core/tracking/notifications';
import type { TagChange } from '../../../electron/core/tracking/ports';
import type { Tag } from '../../../shared/domain/tags';
import { ManualClock } from '../../helpers/manual-clock';

function change(id: string, to: Tag, from: Tag | null = 'InTransit'): TagChange {
  return {
    shipmentId: id,
    from,
    to,
    subtagMessage: to === 'Exception' ? 'Customs hold' : null,
    trackingNumber: `YT${id}`,
    orderNumber: `N-${id}`,
    recipientName: 'Pat Buyer',
    at: 0,
  };
}

function setup(enabled?: (tag: Tag) => boolean) {
  const clock = new ManualClock();
  const sent: TrackingNotification[] = [];
  const rules = new NotificationRules({ clock, notifiers: [(n) => sent.push(n)], ...(enabled ? { enabled } : {}) });
  return { clock, sent, rules };
}

describe('notification rules', () => {
  it.each<[Tag, boolean]>([
    ['InfoReceived', true],
    ['InTransit', true],
    ['Delivered', true],
    ['Exception', true],
    ['Pending', false],
    ['Cancelled', false],
    ['Unknown', false],
  ])('a change to %s notifies: %s', async (tag, notifies) => {
    const { clock, sent, rules } = setup();
    rules.onChange(change('1', tag, 'Pending'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    expect(sent).toHaveLength(notifies ? 1 : 0);
  });

  it('tells a single change with the shipment to open, after the coalescing window exactly', async () => {
    const { clock, sent, rules } = setup();
    rules.onChange(change('1', 'Exception'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS - 1);
    expect(sent).toHaveLength(0);
    await clock.tick(1);
    expect(sent).toEqual([
      {
        title: 'Delivery problem',
        body: 'YT1 (order N-1, to Pat Buyer) has a delivery issue — check it (Customs hold).',
        facts: { kind: 'change', trackingNumber: 'YT1', orderNumber: 'N-1', recipientName: 'Pat Buyer', detail: 'Customs hold' },
        shipmentId: '1',
        tag: 'Exception',
      },
    ]);
  });

  it('turns many changes at once into one digest, problems first', async () => {
    const { clock, sent, rules } = setup();
    for (let i = 0; i < 12; i++) rules.onChange(change(`d${i}`, 'Delivered'));
    rules.onChange(change('x', 'Exception'));
    rules.onChange(change('p', 'Pending'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    expect(sent).toEqual([
      {
        title: '13 shipments changed',
        body: '1 exception, 12 delivered',
        facts: { kind: 'digest', counts: { Delivered: 12, Exception: 1 } },
        shipmentId: null,
        tag: null,
      },
    ]);
  });

  it('tells a shipment that changed twice in one window once, at its latest tag', async () => {
    const { clock, sent, rules } = setup();
    rules.onChange(change('1', 'InTransit', 'InfoReceived'));
    rules.onChange(change('1', 'Delivered'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    expect(sent.map((n) => n.tag)).toEqual(['Delivered']);
  });

  it('honours the packer turning a tag off, and a later change opens a new window', async () => {
    const { clock, sent, rules } = setup((tag) => tag !== 'InTransit');
    rules.onChange(change('1', 'InTransit'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    expect(sent).toHaveLength(0);
    rules.onChange(change('2', 'Delivered'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    rules.onChange(change('3', 'Delivered'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    expect(sent.map((n) => n.shipmentId)).toEqual(['2', '3']);
  });

  it('keeps telling the other destinations when one throws, and an attached notifier can be detached', async () => {
    const { clock, sent, rules } = setup();
    const tray: TrackingNotification[] = [];
    rules.attach(() => {
      throw new Error('tray gone');
    });
    const detach = rules.attach((n) => tray.push(n));
    rules.onChange(change('1', 'Delivered'));
    await clock.tick(NOTIFY_COALESCE_WINDOW_MS);
    expect(sent).toHaveLength(1);
    expect(tray).toHaveLength(1);
    detach();
    rules.onChange(change('2', 'Delivered'));
    rules.flush();
    expect(sent).toHaveLength(2);
    expect(tray).toHaveLength(1);
  });
});
