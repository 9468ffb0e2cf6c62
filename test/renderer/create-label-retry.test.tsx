/**
 * A rejected label can be fixed (issue 11): the courier's reason reads once,
 * plainly, the field it is about is marked, and "Try again" (or Enter) sends
 * what the form holds now as a new attempt on the same shipment.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateLabelView } from '../../renderer/src/features/create-label/CreateLabelView';
import type { Args } from '../../shared/contract';
import type { LabelCreateResult } from '../../shared/domain/shipment-detail';
import { ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+81-3-0000-0000', email: undefined },
  address: { streetLines: ['1-1 Example'], city: 'Tokyo', state: undefined, postalCode: '100-0001', countryCode: 'JP' },
};
const REJECTION = 'The courier refused the label: YunExpress API returned HTTP 400: the recipient postal code is not serviceable';

function setup() {
  const labelsCreate = vi.fn(async () =>
    ok<LabelCreateResult>({
      shipmentId: 'shp-1',
      state: 'failed',
      trackingNumber: null,
      error: { code: 'COURIER_REJECTED', message: REJECTION },
    }),
  );
  const labelsRetry = vi.fn(async (a: Args<'labels:retry'>) =>
    ok<LabelCreateResult>({ shipmentId: a.shipmentId, state: 'printed', trackingNumber: 'YT2503010002CN', error: null }),
  );
  const { api } = fakeStation({ settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })), labelsCreate, labelsRetry });
  renderWithStation(<CreateLabelView onOpenShipment={vi.fn()} />, api);
  return { labelsCreate, labelsRetry };
}

const shipTo = () => within(screen.getByRole('group', { name: 'Ship to' }));

async function fill(user: UserEvent) {
  await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
  await user.keyboard('Pat{Tab}Buyer{Tab}+1-555-0100{Tab}pat@example.com{Tab}1 Main St{Tab}{Tab}Los Angeles{Tab}CA{Tab}00000{Tab}');
  await user.selectOptions(shipTo().getByLabelText('Country (2 letters)'), 'US');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'yunexpress');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Product' }), 'HKMUZXR');
  await user.type(screen.getByLabelText('Order number'), 'FIX-1');
  await user.type(screen.getByLabelText('Weight (kg)'), '0.5');
  await user.type(screen.getByLabelText('Description (English)'), 'Ink pen');
  await user.type(screen.getByLabelText('Unit price'), '3.5');
  await user.type(screen.getByLabelText('Unit weight (kg)'), '0.5{Enter}');
}

beforeEach(() => localStorage.clear());

describe('create label: a courier rejection corrected and tried again', () => {
  it('reads once, plainly, marks the postal code, and Try again sends the corrected form on the same shipment', async () => {
    const user = userEvent.setup();
    const { labelsCreate, labelsRetry } = setup();
    await fill(user);
    const failure = await screen.findByTestId('create-failure');
    expect(failure).toHaveTextContent(
      'The courier refused the label: the recipient postal code is not serviceable. Correct the marked field, then press Try again',
    );
    expect(failure.textContent).not.toMatch(/HTTP 400|refused the label:.*refused the label/);
    const postal = shipTo().getByLabelText('Postal code');
    expect(postal).toHaveAttribute('aria-invalid', 'true');
    expect(postal).toHaveAccessibleDescription('the recipient postal code is not serviceable');

    await user.clear(postal);
    await user.type(postal, '90001');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByTestId('created-tracking')).toHaveTextContent('YT2503010002CN'));
    expect(labelsCreate).toHaveBeenCalledTimes(1);
    expect(labelsRetry).toHaveBeenCalledTimes(1);
    const args = labelsRetry.mock.calls[0]![0];
    expect(args.shipmentId).toBe('shp-1');
    expect(args.request?.shipment.shipTo.address.postalCode).toBe('90001');
  });
});
