/**
 * The shipping scale in the renderer, against a scripted `navigator.hid`
 * whose fake HIDDevice streams Scale Data Reports: Settings chooses and
 * forgets the scale; the Create label form's parcel weight takes the stable,
 * non-zero reading (settling shown, a stale first report ignored, unplug
 * and replug followed, over capacity and faults said, manual entry always
 * wins, the weight locked once the label is bought).
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateLabelView } from '../../renderer/src/features/create-label/CreateLabelView';
import { ScaleSettings } from '../../renderer/src/features/scale/ScaleSettings';
import { ScaleConnection } from '../../renderer/src/features/scale/scale-connection';
import { useScaleState } from '../../renderer/src/features/scale/use-scale';
import { ScaleWeightSource } from '../../renderer/src/features/scale/ScaleWeightSource';
import { PackView } from '../../renderer/src/features/orders/PackView';
import { ScanToastProvider } from '../../renderer/src/features/scan/ScanToast';
import { LARGE_BOX, SMALL_BOX, memoryOrders, orderDetail, summaryOf } from './order-fixtures';
import type { Hid } from '../../renderer/src/features/scale/webhid';
import type { StationApi } from '../../shared/contract';
import type { LabelCreateArgs } from '../../shared/domain/label-request';
import type { LabelCreateResult } from '../../shared/domain/shipment-detail';
import { ok } from '../../shared/result';
import { DYMO_M25, installFakeHid, REPORT, type FakeHidControl } from '../helpers/fake-hid';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

const SCALE_REPORT_ID = 3;
const STAMPS_510 = { vendorId: 0x1446, productId: 0x6a73, productName: 'Stamps.com Model 510', usagePage: 0xff00 };
const KEYBOARD = { vendorId: 0x046d, productId: 0xc31c, productName: 'USB Keyboard', usagePage: 0x01 };

const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+81-3-0000-0000', email: undefined },
  address: { streetLines: ['1-1 Example'], city: 'Tokyo', state: undefined, postalCode: '100-0001', countryCode: 'JP' },
};

let hid: FakeHidControl;
/** Sends reports to scale 0, inside act (the screen updates from them). */
const send = async (...reports: number[][]) => {
  for (const r of reports)
    await act(async () => {
      expect(hid.report(0, SCALE_REPORT_ID, r)).toBe(true);
    });
};
const line = () => screen.getByTestId('scale-line');

beforeEach(() => localStorage.clear());
afterEach(() => {
  delete (navigator as { hid?: unknown }).hid;
});

describe('Settings: choose the scale once, see it live, forget it', () => {
  it('the chooser offers scales; the chosen one streams: stale first report ignored, settling, weighed, over capacity, fault', async () => {
    hid = installFakeHid({ devices: [KEYBOARD, DYMO_M25], pick: 1 });
    const user = userEvent.setup();
    renderWithStation(<ScaleSettings />, fakeStation().api);
    expect(line()).toHaveTextContent('No scale chosen (Settings)');
    await user.click(screen.getByRole('button', { name: 'Choose the scale…' }));
    expect(await screen.findByTestId('scale-chosen')).toHaveTextContent('Scale in use: DYMO M25 25 Lb Digital Postal Scale');
    expect(hid.opened(1)).toBe(true);
    expect(hid.permitted(0)).toBe(false);

    // The device is index 1 here: report to it directly.
    const to1 = async (r: number[]) => act(async () => void hid.report(1, SCALE_REPORT_ID, r));
    expect(line()).toHaveTextContent('Scale: reading…');
    // A reading buffered before the scale was opened: not trusted.
    await to1(REPORT.stable(4321));
    expect(line()).toHaveTextContent('Scale: reading…');
    await to1(REPORT.motion(1180));
    expect(line()).toHaveTextContent('Scale: settling… 1.18 kg');
    expect(line()).toHaveAttribute('data-tone', 'busy');
    await to1(REPORT.stable(1250));
    expect(line()).toHaveTextContent('Scale: 1.25 kg');
    expect(line()).toHaveAttribute('data-tone', 'ok');
    await to1(REPORT.overCapacity());
    expect(line()).toHaveTextContent('Too heavy for this scale: weigh it on a bigger one and type the weight.');
    await to1(REPORT.fault());
    expect(line()).toHaveTextContent('The scale reports a fault: unplug it and plug it in again.');
    await to1(REPORT.zero());
    expect(line()).toHaveTextContent('Scale: put the parcel on it');

    await user.click(screen.getByRole('button', { name: 'Forget the scale' }));
    expect(await screen.findByText('Scale forgotten: the station no longer reads it.')).toBeInTheDocument();
    expect(line()).toHaveTextContent('No scale chosen (Settings)');
    expect(hid.permitted(1)).toBe(false);
    expect(hid.opened(1)).toBe(false);
    expect(screen.queryByRole('button', { name: 'Forget the scale' })).not.toBeInTheDocument();
  });

  it('no scale plugged in: the chooser comes back empty and the packer is told what to do', async () => {
    hid = installFakeHid({ devices: [KEYBOARD] });
    const user = userEvent.setup();
    renderWithStation(<ScaleSettings />, fakeStation().api);
    await user.click(screen.getByRole('button', { name: 'Choose the scale…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No USB scale found. Plug it in and switch it on, then choose again.');
    expect(line()).toHaveTextContent('No scale chosen (Settings)');
  });

  it('a scale the system will not open (Linux without the udev rule) says how to fix it', async () => {
    hid = installFakeHid({ devices: [DYMO_M25] });
    hid.failOpen(0, 'Failed to open the device.');
    const user = userEvent.setup();
    renderWithStation(<ScaleSettings />, fakeStation().api);
    await user.click(screen.getByRole('button', { name: 'Choose the scale…' }));
    await waitFor(() =>
      expect(line()).toHaveTextContent('cannot be opened (Failed to open the device.). On Linux, install the scale rule'),
    );
    expect(line()).toHaveAttribute('data-tone', 'problem');
  });

  it('a browser without WebHID: the packer types the weight', () => {
    renderWithStation(<ScaleSettings />, fakeStation().api);
    expect(line()).toHaveTextContent('This browser cannot read USB scales: type the weight.');
    expect(screen.queryByRole('button', { name: 'Choose the scale…' })).not.toBeInTheDocument();
  });

  it('in Chinese, the scale’s own (English) name is marked lang="en"', async () => {
    hid = installFakeHid({ devices: [DYMO_M25] });
    const user = userEvent.setup();
    renderWithStation(<ScaleSettings />, fakeStation().api, 'zh-CN');
    await user.click(screen.getByRole('button', { name: '选择电子秤…' }));
    const chosen = await screen.findByTestId('scale-chosen');
    expect(chosen).toHaveTextContent('正在使用的电子秤：DYMO M25 25 Lb Digital Postal Scale');
    expect(chosen.querySelector('[lang="en"]')).toHaveTextContent('DYMO M25 25 Lb Digital Postal Scale');
    await send(REPORT.stable(1), REPORT.stable(2500));
    expect(line()).toHaveTextContent('电子秤：2.5 千克');
  });
});

describe('the Create label form takes the scale’s weight', () => {
  function setup() {
    const calls: LabelCreateArgs[] = [];
    const { api } = fakeStation({
      settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })),
      labelsCreate: (async (args: LabelCreateArgs) => {
        calls.push(args);
        return ok<LabelCreateResult>({ shipmentId: 'shp-1', state: 'printed', trackingNumber: 'YT1', error: null });
      }) as unknown as StationApi['labelsCreate'],
    });
    renderWithStation(<CreateLabelView onOpenShipment={vi.fn()} />, api);
    return { calls };
  }
  const weight = (i = 0) => within(screen.getByTestId(`parcel-${i}`)).getByLabelText('Weight (kg)');

  it('a remembered scale reconnects with no prompt; only a stable non-zero weight fills the field', async () => {
    localStorage.setItem('station.scale', JSON.stringify({ vendorId: DYMO_M25.vendorId, productId: DYMO_M25.productId, name: 'DYMO M25' }));
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    setup();
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    expect(hid.requests).toBe(0);
    expect(line()).toHaveTextContent('Scale: reading…');
    await send(REPORT.stable(9999)); // stale: dropped
    await send(REPORT.zero());
    expect(line()).toHaveTextContent('Scale: put the parcel on it');
    expect(weight()).toHaveValue('');
    await send(REPORT.motion(700), REPORT.motion(845));
    expect(line()).toHaveTextContent('Scale: settling… 0.845 kg');
    expect(weight()).toHaveValue('');
    await send(REPORT.stable(850));
    expect(weight()).toHaveValue('0.85');
    expect(weight()).toHaveAttribute('data-source', 'scale');
    expect(line()).toHaveTextContent('Scale: 0.85 kg');
    // Lifting the parcel off keeps the weight it was weighed at.
    await send(REPORT.motion(300), REPORT.zero());
    expect(weight()).toHaveValue('0.85');
  });

  it('unplugged mid-weighing: said, typing still works; replugged: reconnects by itself and weighs again', async () => {
    localStorage.setItem('station.scale', JSON.stringify({ vendorId: DYMO_M25.vendorId, productId: DYMO_M25.productId, name: 'DYMO M25' }));
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    setup();
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    await send(REPORT.zero(), REPORT.stable(1200));
    expect(weight()).toHaveValue('1.2');
    await act(async () => hid.unplug(0));
    expect(line()).toHaveTextContent('Scale unplugged: plug it in, or type the weight.');
    expect(weight()).toHaveValue('1.2');
    await act(async () => hid.replug(0));
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    expect(hid.requests).toBe(0);
    expect(line()).toHaveTextContent('Scale: reading…');
    await send(REPORT.stable(1200)); // the replugged scale's first report: dropped
    expect(line()).toHaveTextContent('Scale: reading…');
    await send(REPORT.motion(2000), REPORT.stable(2040));
    expect(weight()).toHaveValue('2.04');
  });

  it('typed by hand: the scale leaves that parcel alone until "Use the scale"', async () => {
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    setup();
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    await send(REPORT.zero());
    fireEvent.change(weight(), { target: { value: '3.3' } });
    expect(weight()).toHaveAttribute('data-source', 'typed');
    await send(REPORT.stable(1500), REPORT.stable(1500));
    expect(weight()).toHaveValue('3.3');
    const box = screen.getByTestId('parcel-scale-0');
    expect(box).toHaveTextContent('Typed by hand: the scale leaves it alone.');
    await userEvent.setup().click(within(box).getByRole('button', { name: 'Use the scale' }));
    expect(weight()).toHaveValue('1.5');
    await send(REPORT.motion(1600), REPORT.stable(1620));
    expect(weight()).toHaveValue('1.62');
  });

  it('the label is bought with the weight shown; it stays locked; the next label waits for a new weighing', async () => {
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    const { calls } = setup();
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    const to = within(screen.getByRole('group', { name: 'Ship to' }));
    for (const [label, value] of [
      ['First name', 'Pat'],
      ['Last name', 'Buyer'],
      ['Phone', '+1-555-0100'],
      ['Street', '1 Main St'],
      ['City', 'Los Angeles'],
      ['State / province', 'CA'],
      ['Postal code', '90001'],
    ] as const)
      fireEvent.change(to.getByLabelText(label, { exact: true }), { target: { value } });
    const user = userEvent.setup();
    await user.selectOptions(to.getByLabelText('Country (2 letters)'), 'US');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'yunexpress');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Product' }), 'HKMUZXR');
    fireEvent.change(screen.getByLabelText('Description (English)'), { target: { value: 'Ink pen' } });
    fireEvent.change(screen.getByLabelText('Unit price'), { target: { value: '3.5' } });
    fireEvent.change(screen.getByLabelText('Unit weight (kg)'), { target: { value: '0.5' } });
    await send(REPORT.zero(), REPORT.motion(640), REPORT.stable(655));
    expect(weight()).toHaveValue('0.655');

    await user.click(screen.getByRole('button', { name: 'Create label (Enter)' }));
    expect(await screen.findByTestId('created-tracking')).toHaveTextContent('YT1');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.shipment.parcels[0]!.weight).toBe(0.655);
    expect(screen.getByTestId('scale-locked')).toHaveTextContent('Weight locked for this label.');
    // Someone leans on the scale after the label is bought: the form does not follow.
    await send(REPORT.motion(900), REPORT.stable(910));
    expect(weight()).toHaveValue('0.655');
    expect(weight()).toHaveAttribute('readonly');

    await user.click(screen.getByRole('button', { name: /Next label/ }));
    await waitFor(() => expect(weight()).toHaveValue(''));
    // Still 0.91 kg on the platter from before: not this parcel's weight.
    await send(REPORT.stable(910));
    expect(weight()).toHaveValue('');
    await send(REPORT.motion(400), REPORT.stable(420));
    expect(weight()).toHaveValue('0.42');
  });

  it('a second parcel takes the next weighing; the first keeps its own', async () => {
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    setup();
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    await send(REPORT.zero(), REPORT.stable(1000));
    expect(weight(0)).toHaveValue('1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add parcel' }));
    await send(REPORT.motion(1500), REPORT.stable(2300));
    expect(weight(1)).toHaveValue('2.3');
    expect(weight(0)).toHaveValue('1');
  });
});

describe('the pack screen’s weight seam (useScaleState)', () => {
  function Probe() {
    const state = useScaleState();
    return <output data-testid="probe">{state.kind === 'weighed' ? `weighed ${state.kg}` : state.kind}</output>;
  }

  it('is disconnected without a scale (no WebHID)', async () => {
    renderWithStation(<Probe />, fakeStation().api);
    expect(screen.getByTestId('probe')).toHaveTextContent('disconnected');
  });

  it('gives the stable weight of a remembered scale', async () => {
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    renderWithStation(<Probe />, fakeStation().api);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('waiting'));
    await send(REPORT.zero(), REPORT.motion(500), REPORT.stable(510));
    expect(screen.getByTestId('probe')).toHaveTextContent('weighed 0.51');
  });
});

describe('the pack screen takes the chosen scale’s stable weight (the App’s ScaleWeightSource)', () => {
  it('settling is not taken; the stable reading is, and is what the label is bought with', async () => {
    localStorage.setItem('station.scale', JSON.stringify({ vendorId: DYMO_M25.vendorId, productId: DYMO_M25.productId, name: 'DYMO M25' }));
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    const orders = memoryOrders([orderDetail(1)]);
    const ships: unknown[] = [];
    const { api } = fakeStation({
      ordersGet: orders.get,
      boxesList: async () => ok([SMALL_BOX, LARGE_BOX]),
      ordersShip: (async (args: unknown) => {
        ships.push(args);
        const labelled = {
          ...orderDetail(1),
          shipmentId: 'lbl-1',
          trackingNumber: 'YT1',
          status: 'printed' as const,
          labelState: 'printed' as const,
        };
        orders.put(labelled);
        return ok({
          order: summaryOf(labelled),
          label: { shipmentId: 'lbl-1', state: 'printed', trackingNumber: 'YT1', error: null },
          slip: { status: 'not-configured', message: null },
        });
      }) as unknown as StationApi['ordersShip'],
    });
    renderWithStation(
      <ScaleWeightSource>
        <ScanToastProvider sound={false}>
          <PackView id="ord-1" shipRequest={0} onOpenShipment={() => {}} onBack={() => {}} onDone={() => {}} onCommandSheet={() => {}} />
        </ScanToastProvider>
      </ScaleWeightSource>,
      api,
    );
    await screen.findByLabelText('Weight (kg)');
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    await send(REPORT.stable(9000), REPORT.motion(1100));
    expect(screen.getByTestId('pack-weight-from')).not.toHaveTextContent('from the scale');
    await send(REPORT.stable(1340));
    await waitFor(() => expect(screen.getByLabelText('Weight (kg)')).toHaveValue('1.34'));
    expect(screen.getByTestId('pack-weight-from')).toHaveTextContent('from the scale');
    await userEvent.setup().click(screen.getByTestId('pack-ship'));
    await waitFor(() => expect(ships).toEqual([{ id: 'ord-1', weightKg: 1.34, weightFrom: 'scale' }]));
  });
});

/** The pack screen as the App has it (the App's scale source around it); `open` puts another order (or none) on the bench. */
function renderBench(api: StationApi, first: string): (id: string | null) => Promise<void> {
  let setId: (id: string | null) => void = () => {};
  function Bench() {
    const [id, set] = useState<string | null>(first);
    setId = set;
    return (
      <ScaleWeightSource>
        <ScanToastProvider sound={false}>
          <PackView id={id} shipRequest={0} onOpenShipment={() => {}} onBack={() => {}} onDone={() => {}} onCommandSheet={() => {}} />
        </ScanToastProvider>
      </ScaleWeightSource>
    );
  }
  renderWithStation(<Bench />, api);
  return async (id) => act(async () => setId(id));
}

describe('the pack screen: the next order never takes the last parcel’s weight', () => {
  it('a second order waits until the scale has been emptied and has settled again, even at the same weight', async () => {
    localStorage.setItem('station.scale', JSON.stringify({ vendorId: DYMO_M25.vendorId, productId: DYMO_M25.productId, name: 'DYMO M25' }));
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    const orders = memoryOrders([orderDetail(1), orderDetail(2)]);
    const ships: { id: string; weightKg?: number; weightFrom?: string }[] = [];
    const { api } = fakeStation({
      ordersGet: orders.get,
      boxesList: async () => ok([SMALL_BOX, LARGE_BOX]),
      ordersShip: (async (args: { id: string; weightKg?: number; weightFrom?: string }) => {
        ships.push(args);
        const n = Number(args.id.replace('ord-', ''));
        const labelled = {
          ...orderDetail(n),
          shipmentId: `lbl-${n}`,
          trackingNumber: `YT${n}`,
          status: 'printed' as const,
          labelState: 'printed' as const,
        };
        orders.put(labelled);
        return ok({
          order: summaryOf(labelled),
          label: { shipmentId: `lbl-${n}`, state: 'printed', trackingNumber: `YT${n}`, error: null },
          slip: { status: 'not-configured', message: null },
        });
      }) as unknown as StationApi['ordersShip'],
    });
    const weight = () => screen.getByLabelText('Weight (kg)');
    const from = () => screen.getByTestId('pack-weight-from');
    const open = renderBench(api, 'ord-1');
    await screen.findByLabelText('Weight (kg)');
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    await send(REPORT.stable(9000), REPORT.zero(), REPORT.motion(1200), REPORT.stable(1340));
    await waitFor(() => expect(weight()).toHaveValue('1.34'));
    await userEvent.setup().click(screen.getByTestId('pack-ship'));
    await waitFor(() => expect(ships).toHaveLength(1));
    expect(ships[0]).toMatchObject({ id: 'ord-1', weightKg: 1.34, weightFrom: 'scale' });

    // The next order is scanned while the first parcel is still on the platter: its weight is not this order's.
    await open('ord-2');
    await screen.findByTestId('pack-recipient');
    await send(REPORT.stable(1340), REPORT.stable(1340));
    expect(weight()).not.toHaveValue('1.34');
    expect(from()).not.toHaveTextContent('from the scale');
    expect(from()).toHaveTextContent('1.34 kg is the last label’s parcel: take it off, then weigh this one');

    // Emptied while the bench waits between orders (no pack form on screen), then a parcel of the same weight.
    await open(null);
    await send(REPORT.motion(600), REPORT.zero());
    await open('ord-2');
    await screen.findByTestId('pack-recipient');
    await send(REPORT.motion(1300), REPORT.stable(1340));
    await waitFor(() => expect(weight()).toHaveValue('1.34'));
    expect(from()).toHaveTextContent('from the scale');
    await userEvent.setup().click(screen.getByTestId('pack-ship'));
    await waitFor(() => expect(ships).toHaveLength(2));
    expect(ships[1]).toMatchObject({ id: 'ord-2', weightKg: 1.34, weightFrom: 'scale' });
    // Locked once bought: someone leaning on the scale changes nothing.
    await send(REPORT.motion(2000), REPORT.stable(2100));
    expect(weight()).not.toHaveValue('2.1');
  });

  it('a second order on the same screen takes a new weighing without the platter being emptied first', async () => {
    localStorage.setItem('station.scale', JSON.stringify({ vendorId: DYMO_M25.vendorId, productId: DYMO_M25.productId, name: 'DYMO M25' }));
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    const orders = memoryOrders([orderDetail(1), orderDetail(2)]);
    const { api } = fakeStation({ ordersGet: orders.get, boxesList: async () => ok([SMALL_BOX, LARGE_BOX]) });
    const open = renderBench(api, 'ord-1');
    await screen.findByLabelText('Weight (kg)');
    await waitFor(() => expect(hid.opened(0)).toBe(true));
    await send(REPORT.zero(), REPORT.stable(1340));
    await waitFor(() => expect(screen.getByLabelText('Weight (kg)')).toHaveValue('1.34'));
    // No label was bought with it: the reading is still free for the order the packer actually ships.
    await open('ord-2');
    await screen.findByTestId('pack-recipient');
    await waitFor(() => expect(screen.getByLabelText('Weight (kg)')).toHaveValue('1.34'));
  });
});

describe('the connection itself: sleep and wake, scales without a motion flag', () => {
  afterEach(() => vi.useRealTimers());

  it('a scale that goes quiet is asleep; its first report on waking is dropped', async () => {
    vi.useFakeTimers();
    hid = installFakeHid({ devices: [{ ...DYMO_M25, permitted: true }] });
    const c = new ScaleConnection((navigator as unknown as { hid: Hid }).hid, { storage: null });
    const stop = c.subscribe(() => undefined);
    await vi.waitFor(() => expect(hid.opened(0)).toBe(true));
    hid.report(0, 3, REPORT.zero());
    hid.report(0, 3, REPORT.stable(700));
    expect(c.snapshot()).toMatchObject({ kind: 'scale', state: { kind: 'weighed', kg: 0.7 } });
    vi.advanceTimersByTime(11_000);
    expect(c.snapshot()).toMatchObject({ state: { kind: 'asleep' } });
    hid.report(0, 3, REPORT.stable(12345)); // from before the sleep
    expect(c.snapshot()).toMatchObject({ state: { kind: 'waiting' } });
    hid.report(0, 3, REPORT.stable(800));
    expect(c.snapshot()).toMatchObject({ state: { kind: 'weighed', kg: 0.8 } });
    stop();
    expect(hid.opened(0)).toBe(false);
  });

  it('a Stamps.com 510 (no status byte) counts once the same weight comes twice', async () => {
    hid = installFakeHid({ devices: [{ ...STAMPS_510, permitted: true }] });
    const c = new ScaleConnection((navigator as unknown as { hid: Hid }).hid, { storage: null });
    const stop = c.subscribe(() => undefined);
    await vi.waitFor(() => expect(hid.opened(0)).toBe(true));
    const oz = (tenths: number) => [0xff, tenths & 0xff, tenths >> 8];
    hid.report(0, 0, oz(0)); // dropped
    hid.report(0, 0, oz(283));
    expect(c.snapshot()).toMatchObject({ state: { kind: 'settling' } });
    hid.report(0, 0, oz(283));
    expect(c.snapshot()).toMatchObject({ state: { kind: 'weighed', kg: 0.802292 } });
    stop();
  });
});
