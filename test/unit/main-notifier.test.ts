import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTIFY_TAGS, type NotifyTags } from '../../shared/domain/settings';
import type { Tag } from '../../shared/domain/tags';
import { systemClock } from '../../electron/core/util/clock';
import { DesktopNotifier, DIGEST_THRESHOLD, DIGEST_WINDOW_MS, type DesktopNotification, type Notified } from '../../electron/main/notifier';
import { mainStrings } from '../../electron/main/strings';
import { recordingLogger } from '../helpers/logs';

const change = (n: number, tag: Tag | null = 'InTransit'): Notified => ({
  title: `engine title ${n}`,
  body: `1Z999AA1012345678${n}`,
  facts: { kind: 'change', trackingNumber: `1Z999AA1012345678${n}`, orderNumber: null, recipientName: null, detail: null },
  shipmentId: `ship-${n}`,
  tag,
});

function setUp(options: { tags?: Partial<NotifyTags>; quiet?: boolean; supported?: boolean; language?: 'en' | 'zh-CN' } = {}) {
  const shown: DesktopNotification[] = [];
  const opened: string[] = [];
  const lists = vi.fn();
  const logs = recordingLogger();
  const notifier = new DesktopNotifier({
    show: (n) => shown.push(n),
    supported: () => options.supported ?? true,
    notifyTags: () => ({ ...DEFAULT_NOTIFY_TAGS, ...options.tags }),
    strings: () => mainStrings(options.language ?? 'en'),
    isQuiet: () => options.quiet ?? false,
    openShipment: (id) => opened.push(id),
    openShipments: lists,
    clock: systemClock,
    log: logs.factory('notifier'),
  });
  return { notifier, shown, opened, lists, logs };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('desktop notifications', () => {
  it('waits exactly one digest window, then shows each change in the app language', () => {
    const { notifier, shown } = setUp({ language: 'zh-CN' });
    notifier.notify(change(1));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS - 1);
    expect(shown).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: mainStrings('zh-CN').tagTitle.InTransit, body: '1Z999AA10123456781' });
  });

  it('clicking a notification opens that shipment', () => {
    const { notifier, shown, opened } = setUp();
    notifier.notify(change(1, 'Exception'));
    notifier.notify(change(2, 'Delivered'));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    expect(shown.map((n) => n.title)).toEqual(['Shipment exception: needs attention', 'Shipment delivered']);
    shown[1]!.onClick();
    expect(opened).toEqual(['ship-2']);
  });

  it(`shows up to ${DIGEST_THRESHOLD} one by one and one digest above that, which opens the list`, () => {
    const three = setUp();
    for (let n = 1; n <= DIGEST_THRESHOLD; n += 1) three.notifier.notify(change(n));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    expect(three.shown).toHaveLength(DIGEST_THRESHOLD);

    const many = setUp();
    for (let n = 1; n <= 9; n += 1) many.notifier.notify(change(n, n <= 2 ? 'Exception' : 'Delivered'));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    expect(many.shown).toHaveLength(1);
    expect(many.shown[0]!.title).toBe('9 shipments changed status');
    expect(many.shown[0]!.body).toBe('Shipment exception: needs attention: 2 · Shipment delivered: 7');
    many.shown[0]!.onClick();
    expect(many.lists).toHaveBeenCalledTimes(1);
  });

  it('a change after the window starts a new window', () => {
    const { notifier, shown } = setUp();
    notifier.notify(change(1));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    notifier.notify(change(2));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS - 1);
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown).toHaveLength(2);
  });

  it('respects the per-tag settings', () => {
    const { notifier, shown } = setUp({ tags: { InTransit: false } });
    notifier.notify(change(1, 'InTransit'));
    notifier.notify(change(2, 'Delivered'));
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    expect(shown.map((n) => n.body)).toEqual(['1Z999AA10123456782']);
  });

  it('stays quiet while the packer looks at the window, and where the OS has no notifications', () => {
    for (const options of [{ quiet: true }, { supported: false }]) {
      const { notifier, shown } = setUp(options);
      notifier.notify(change(1));
      vi.advanceTimersByTime(DIGEST_WINDOW_MS);
      expect(shown).toHaveLength(0);
    }
  });

  it('flush at quit shows what was collected at once, and a failing OS service is only logged', () => {
    const { notifier, shown } = setUp();
    notifier.notify(change(1));
    notifier.flush();
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    expect(shown).toHaveLength(1);

    const logs = recordingLogger();
    const broken = new DesktopNotifier({
      show: () => {
        throw new Error('org.freedesktop.Notifications not available');
      },
      supported: () => true,
      notifyTags: () => DEFAULT_NOTIFY_TAGS,
      strings: () => mainStrings('en'),
      isQuiet: () => false,
      openShipment: () => undefined,
      openShipments: () => undefined,
      clock: systemClock,
      log: logs.factory('notifier'),
    });
    broken.notify(change(1));
    expect(() => broken.flush()).not.toThrow();
    expect(logs.records.map((r) => r.message)).toEqual(['desktop notification failed']);
  });
});

describe('messages the tracking engine already digested', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('are told in the app language with their counts, and open the shipment list', () => {
    const { notifier, shown, lists } = setUp({ language: 'zh-CN' });
    notifier.notify({
      title: '13 shipments changed',
      body: '1 exception, 12 delivered',
      facts: { kind: 'digest', counts: { Delivered: 12, Exception: 1 } },
      shipmentId: null,
      tag: null,
    });
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    const zh = mainStrings('zh-CN');
    expect(shown.map((n) => n.title)).toEqual([zh.digestTitle(13)]);
    expect(shown[0]!.body).toBe(`${zh.tagTitle.Exception}: 1 · ${zh.tagTitle.Delivered}: 12`);
    expect(shown[0]!.body).not.toMatch(/delivered|exception/);
    shown[0]!.onClick();
    expect(lists).toHaveBeenCalledTimes(1);
  });
});

describe('a single change', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is written in the app language from the engine facts, courier detail kept as sent', () => {
    const { notifier, shown } = setUp({ language: 'zh-CN' });
    notifier.notify({
      title: 'Delivery problem',
      body: 'YT1 (order A-1, to Pat Buyer) has a delivery issue — check it (Held at customs).',
      facts: { kind: 'change', trackingNumber: 'YT1', orderNumber: 'A-1', recipientName: 'Pat Buyer', detail: 'Held at customs' },
      shipmentId: 'ship-9',
      tag: 'Exception',
    });
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    const zh = mainStrings('zh-CN');
    expect(shown.map((n) => [n.title, n.body])).toEqual([[zh.tagTitle.Exception, 'YT1 · 订单 A-1 · 收件人 Pat Buyer — Held at customs']]);
  });

  it('names the shipment by its order number when it has no tracking number yet', () => {
    const { notifier, shown } = setUp();
    notifier.notify({
      title: 'Shipped',
      body: 'A-2 is registered with the courier.',
      facts: { kind: 'change', trackingNumber: null, orderNumber: 'A-2', recipientName: null, detail: null },
      shipmentId: 'ship-10',
      tag: 'InfoReceived',
    });
    vi.advanceTimersByTime(DIGEST_WINDOW_MS);
    expect(shown.map((n) => n.body)).toEqual(['A-2']);
  });
});
