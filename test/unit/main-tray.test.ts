import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { StationEvent } from '../../shared/contract';
import type { TrackingStatus } from '../../shared/domain/shipment-detail';
import { mainStrings } from '../../electron/main/strings';
import { INITIAL_TRAY, reduceTray, TrayController, trayHealth, type TrayHealth } from '../../electron/main/tray';
import { TRAY_COLOURS, trayIconBitmap } from '../../electron/main/tray-icon';

const en = mainStrings('en');
const tracking = (over: Partial<TrackingStatus>): StationEvent => ({
  type: 'tracking:statusChanged',
  payload: { state: 'running', nextPollAt: null, activeShipments: 3, apiHealth: 'ok', resumeAt: null, ...over },
});
const progress = (state: 'printed' | 'print_failed' | 'created'): StationEvent =>
  ({
    type: 'labels:progress',
    payload: { shipmentId: 's1', step: 'printing', state, message: null },
  }) as StationEvent;
const notified = (n: number): StationEvent => ({
  type: 'tracking:notified',
  payload: {
    title: `Change ${n}`,
    body: `TRK${n}`,
    facts: { kind: 'change', trackingNumber: `TRK${n}`, orderNumber: null, recipientName: null, detail: null },
    shipmentId: `s${n}`,
    tag: 'InTransit',
  },
});

function fakePort() {
  const images: TrayHealth[] = [];
  const tooltips: string[] = [];
  let menu: MenuItemConstructorOptions[] = [];
  return {
    port: {
      setImage: (h: TrayHealth) => images.push(h),
      setToolTip: (t: string) => tooltips.push(t),
      setMenu: (m: MenuItemConstructorOptions[]) => (menu = m),
    },
    images,
    tooltips,
    menu: () => menu,
    item: (label: string) => menu.find((i) => i.label === label),
  };
}
const actions = () => ({ open: vi.fn(), openShipment: vi.fn(), pauseTracking: vi.fn(), resumeTracking: vi.fn(), quit: vi.fn() });

describe('tray health', () => {
  it('is ok at start and follows the poller', () => {
    expect(trayHealth(INITIAL_TRAY)).toBe('ok');
    expect(trayHealth(reduceTray(INITIAL_TRAY, tracking({ state: 'backing_off' })))).toBe('backing-off');
    expect(trayHealth(reduceTray(INITIAL_TRAY, tracking({ apiHealth: 'down' })))).toBe('backing-off');
    expect(trayHealth(reduceTray(INITIAL_TRAY, tracking({ state: 'paused' })))).toBe('paused');
    expect(trayHealth(reduceTray(INITIAL_TRAY, tracking({ apiHealth: 'degraded' })))).toBe('ok');
  });

  it('shows a printer problem above everything until a label prints again', () => {
    let m = reduceTray(INITIAL_TRAY, tracking({ state: 'backing_off' }));
    m = reduceTray(m, progress('print_failed'));
    expect(trayHealth(m)).toBe('printer-problem');
    m = reduceTray(m, progress('created'));
    expect(trayHealth(m)).toBe('printer-problem');
    m = reduceTray(m, progress('printed'));
    expect(trayHealth(m)).toBe('backing-off');
  });

  it('turns to a printer problem when the label printer reports a fault, and back when it is ready', () => {
    const printerStatus = (level: 'ready' | 'fault'): StationEvent => ({
      type: 'printers:status',
      payload: {
        profileId: 'default',
        profileName: 'Label printer',
        isDefault: true,
        status: {
          target: 'Zebra',
          level,
          faults: level === 'fault' ? ['paper-out'] : [],
          warnings: [],
          busy: false,
          detail: null,
          source: 'cups',
          checkedAt: '2026-01-01T00:00:00.000Z',
        },
      },
    });
    let m = reduceTray(INITIAL_TRAY, printerStatus('fault'));
    expect(trayHealth(m)).toBe('printer-problem');
    m = reduceTray(m, printerStatus('ready'));
    expect(trayHealth(m)).toBe('ok');
  });

  it('draws a distinct dot per state', () => {
    const ok = trayIconBitmap('ok', 16);
    const centre = (8 * 16 + 8) * 4;
    expect([ok[centre + 2], ok[centre + 1], ok[centre]]).toEqual([...TRAY_COLOURS.ok]);
    expect(ok[centre + 3]).toBe(255);
    expect(ok[3]).toBe(0); // the corner is transparent
    expect(trayIconBitmap('printer-problem', 16).equals(ok)).toBe(false);
  });
});

describe('tray menu', () => {
  it('offers open, pause, recent notifications and quit, and acts on clicks', () => {
    const f = fakePort();
    const a = actions();
    const tray = new TrayController(f.port, en, a);
    expect(
      f
        .menu()
        .filter((i) => i.label)
        .map((i) => i.label),
    ).toEqual([en.open, en.pauseTracking, en.recent, en.noRecent, en.quit]);
    (f.item(en.pauseTracking)!.click as () => void)();
    expect(a.pauseTracking).toHaveBeenCalledTimes(1);

    tray.handle(tracking({ state: 'paused' }));
    expect(f.item(en.pauseTracking)).toBeUndefined();
    (f.item(en.resumeTracking)!.click as () => void)();
    expect(a.resumeTracking).toHaveBeenCalledTimes(1);
    (f.item(en.quit)!.click as () => void)();
    expect(a.quit).toHaveBeenCalledTimes(1);
  });

  it('keeps the last five notifications, newest first, each opening its shipment', () => {
    const f = fakePort();
    const a = actions();
    const tray = new TrayController(f.port, en, a);
    for (let n = 1; n <= 7; n += 1) tray.handle(notified(n));
    const recent = f.menu().filter((i) => i.label?.startsWith('Change'));
    expect(recent.map((i) => i.label)).toEqual(['Change 7: TRK7', 'Change 6: TRK6', 'Change 5: TRK5', 'Change 4: TRK4', 'Change 3: TRK3']);
    (recent[0]!.click as () => void)();
    expect(a.openShipment).toHaveBeenCalledWith('s7');
  });

  it('changes the icon only when the health changes, and the tooltip in the chosen language', () => {
    const f = fakePort();
    const tray = new TrayController(f.port, en, actions());
    tray.handle(notified(1));
    tray.handle(tracking({ state: 'running' }));
    expect(f.images).toEqual(['ok']);
    tray.handle(progress('print_failed'));
    expect(f.images).toEqual(['ok', 'printer-problem']);
    expect(f.tooltips.at(-1)).toBe(en.health.printerProblem);
    tray.setStrings(mainStrings('zh-CN'));
    expect(f.tooltips.at(-1)).toBe(mainStrings('zh-CN').health.printerProblem);
  });
});
