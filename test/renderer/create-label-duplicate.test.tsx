/**
 * Never buy a label twice by accident (issue 11): the station refuses a
 * second label for an order that has one (DUPLICATE_ORDER, naming it) and the
 * form asks, with "No" as the answer a stray Enter gives.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateLabelView } from '../../renderer/src/features/create-label/CreateLabelView';
import type { Args } from '../../shared/contract';
import type { LabelCreateResult } from '../../shared/domain/shipment-detail';
import { err, ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+81-3-0000-0000', email: undefined },
  address: { streetLines: ['1-1 Example'], city: 'Tokyo', state: undefined, postalCode: '100-0001', countryCode: 'JP' },
};

/** Core's guard in miniature: an order number with a label is refused unless the call confirms. */
function setup() {
  const bought: Array<{ order: string; tracking: string; shipmentId: string; confirmed: boolean }> = [];
  const labelsCreate = vi.fn(async (args: Args<'labels:create'>) => {
    const order = args.order?.customerOrderNumber ?? '';
    const existing = bought.findLast((b) => b.order === order);
    if (existing && args.confirm?.duplicateOrder !== true) {
      return err('DUPLICATE_ORDER', `Order ${order} already has label ${existing.tracking}.`, undefined, {
        shipmentId: existing.shipmentId,
        orderNumber: order,
        trackingNumber: existing.tracking,
      });
    }
    const n = bought.length + 1;
    const label = { order, tracking: `YT250301000${n}CN`, shipmentId: `shp-${n}`, confirmed: args.confirm?.duplicateOrder === true };
    bought.push(label);
    return ok<LabelCreateResult>({ shipmentId: label.shipmentId, state: 'printed', trackingNumber: label.tracking, error: null });
  });
  const { api } = fakeStation({ settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })), labelsCreate });
  const onOpen = vi.fn();
  renderWithStation(<CreateLabelView onOpenShipment={onOpen} />, api);
  return { labelsCreate, bought, onOpen };
}

const shipTo = () => within(screen.getByRole('group', { name: 'Ship to' }));

async function fillAndCreate(user: UserEvent) {
  await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
  await user.keyboard('Pat{Tab}Buyer{Tab}+1-555-0100{Tab}pat@example.com{Tab}1 Main St{Tab}{Tab}Los Angeles{Tab}CA{Tab}90001{Tab}');
  await user.selectOptions(shipTo().getByLabelText('Country (2 letters)'), 'US');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'yunexpress');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Product' }), 'HKMUZXR');
  await user.type(screen.getByLabelText('Order number'), 'ORDER-77');
  await user.type(screen.getByLabelText('Weight (kg)'), '0.5');
  await user.type(screen.getByLabelText('Description (English)'), 'Ink pen');
  await user.type(screen.getByLabelText('Unit price'), '3.5');
  await user.type(screen.getByLabelText('Unit weight (kg)'), '0.5{Enter}');
  await waitFor(() => expect(screen.getByTestId('created-tracking')).toHaveTextContent('YT2503010001CN'));
}

beforeEach(() => localStorage.clear());

describe('create label: an order that already has a label', () => {
  it('a stray Enter on the still-filled form asks, with No focused, and a second Enter buys nothing', async () => {
    const user = userEvent.setup();
    const { labelsCreate, bought } = setup();
    await fillAndCreate(user);

    // The packer clicks back into the filled form and a stray Enter submits it again.
    await user.click(screen.getByLabelText('Unit weight (kg)'));
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('alertdialog', { name: 'Order ORDER-77 already has label YT2503010001CN: create another?' });
    const no = within(ask).getByRole('button', { name: 'No, keep the one label' });
    await waitFor(() => expect(no).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Create label (Enter)' })).toBeDisabled();

    // Enter again (the default answer), then once more for good measure.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('alert')).toHaveTextContent('No label was bought. Order ORDER-77 keeps its label YT2503010001CN.');
    await user.keyboard('{Enter}');
    expect(bought).toHaveLength(1);
    expect(labelsCreate).toHaveBeenCalledTimes(2);
    // The form is as the packer left it.
    expect(screen.getByLabelText('Order number')).toHaveValue('ORDER-77');
  });

  it('Enter in a field while the question is open answers nothing; Escape is No', async () => {
    const user = userEvent.setup();
    const { labelsCreate, bought } = setup();
    await fillAndCreate(user);
    await user.click(screen.getByLabelText('Order number'));
    await user.keyboard('{Enter}');
    await screen.findByRole('alertdialog');
    await user.click(screen.getByLabelText('Order number'));
    await user.keyboard('{Enter}');
    expect(labelsCreate).toHaveBeenCalledTimes(2);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'No, keep the one label' }));
    await user.click(screen.getByLabelText('Order number'));
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('alertdialog');
    within(ask).getByRole('button', { name: 'No, keep the one label' }).focus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(bought).toHaveLength(1);
  });

  it('"Yes, create another" buys the second label with the explicit confirmation', async () => {
    const user = userEvent.setup();
    const { labelsCreate, bought, onOpen } = setup();
    await fillAndCreate(user);
    await user.click(screen.getByLabelText('Order number'));
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('alertdialog');
    await user.click(within(ask).getByRole('button', { name: 'Open the existing label' }));
    expect(onOpen).toHaveBeenCalledWith('shp-1');
    await user.click(within(ask).getByRole('button', { name: 'Yes, create another' }));
    await waitFor(() => expect(screen.getByTestId('created-tracking')).toHaveTextContent('YT2503010002CN'));
    expect(labelsCreate.mock.calls.at(-1)![0].confirm).toEqual({ duplicateOrder: true });
    expect(bought.map((b) => b.confirmed)).toEqual([false, true]);
  });
});
