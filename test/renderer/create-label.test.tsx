import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateLabelView } from '../../renderer/src/features/create-label/CreateLabelView';
import type { StationApi } from '../../shared/contract';
import type { LabelRequestInput } from '../../shared/domain/label-request';
import type { LabelCreateResult } from '../../shared/domain/shipment-detail';
import { err, ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+81-3-0000-0000', email: undefined },
  address: { streetLines: ['1-1 Example'], city: 'Tokyo', state: undefined, postalCode: '100-0001', countryCode: 'JP' },
};

function setup(overrides: Partial<StationApi> = {}) {
  const created: LabelRequestInput[] = [];
  const labelsCreate = vi.fn(
    overrides.labelsCreate ??
      (async (req: LabelRequestInput) => {
        created.push(req);
        return ok<LabelCreateResult>({ shipmentId: 'shp-9', state: 'printed', trackingNumber: 'YT2503010001CN', error: null });
      }),
  );
  const { api, push } = fakeStation({
    settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })),
    ...overrides,
    labelsCreate,
  });
  const onOpen = vi.fn();
  renderWithStation(<CreateLabelView onOpenShipment={onOpen} />, api);
  return { api, push, labelsCreate, created, onOpen };
}

const shipTo = () => within(screen.getByRole('group', { name: 'Ship to' }));

/** Fills a valid US shipment with the keyboard only: Tab from field to field, Enter at the end. */
async function fillByKeyboard(user: UserEvent) {
  await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
  await user.keyboard('Pat{Tab}Buyer{Tab}+1-555-0100{Tab}pat@example.com{Tab}1 Main St{Tab}{Tab}Los Angeles{Tab}CA{Tab}90001{Tab}');
  await user.selectOptions(shipTo().getByLabelText('Country (2 letters)'), 'US');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'yunexpress');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Product' }), 'HKMUZXR');
  await user.type(screen.getByLabelText('Order number'), 'ORDER-1001');
  await user.type(screen.getByLabelText('Weight (kg)'), '0.5');
  await user.type(screen.getByLabelText('Description (English)'), 'Ink pen');
  await user.type(screen.getByLabelText('Unit price'), '3.5');
  await user.type(screen.getByLabelText('Unit weight (kg)'), '0.5');
}

beforeEach(() => localStorage.clear());

describe('create label: validation at the field', () => {
  it('shows each problem under its own box, focuses the first, and sends nothing', async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup();
    await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
    await user.keyboard('{Enter}');
    const first = shipTo().getByLabelText('First name');
    await waitFor(() => expect(first).toHaveAttribute('aria-invalid', 'true'));
    expect(first).toHaveAccessibleDescription('Enter the first name.');
    expect(first).toHaveFocus();
    expect(screen.getByLabelText('Weight (kg)')).toHaveAccessibleDescription(/parcel weight/);
    expect(screen.getByRole('alert')).toHaveTextContent(/fields need fixing before the label can be created/);
    // Ship-from was prefilled from Settings: nothing to fix there.
    expect(screen.getAllByLabelText('First name')[1]).toHaveValue('Ware');
    expect(screen.getAllByLabelText('First name')[1]).not.toHaveAttribute('aria-invalid');
    expect(labelsCreate).not.toHaveBeenCalled();
  });

  it('says every problem in Chinese: the shared schema speaks the packer’s language', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({ settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })) });
    renderWithStation(<CreateLabelView onOpenShipment={vi.fn()} />, api, 'zh-CN');
    const to = within(screen.getByRole('group', { name: '收件人' }));
    await waitFor(() => expect(to.getByLabelText('名')).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(to.getByLabelText('名')).toHaveAccessibleDescription('请填写名。'));
    expect(screen.getByLabelText('重量（千克）')).toHaveAccessibleDescription('包裹重量请填写数字（kg）。');
    expect(screen.getByRole('alert')).toHaveTextContent(/个字段需要修改后才能创建标签/);
  });

  it('checks a US address the way the main process will (state code, ZIP shape)', async () => {
    const user = userEvent.setup();
    setup();
    await fillByKeyboard(user);
    await user.clear(shipTo().getByLabelText('State / province'));
    await user.type(shipTo().getByLabelText('State / province'), 'California');
    await user.clear(shipTo().getByLabelText('Postal code'));
    await user.type(shipTo().getByLabelText('Postal code'), '9001{Enter}');
    await waitFor(() => expect(shipTo().getByLabelText('State / province')).toHaveAccessibleDescription(/two-letter US state code/));
    expect(shipTo().getByLabelText('Postal code')).toHaveAccessibleDescription(/not a US postal code/);
  });

  it("maps the API's 400 details (bracket paths) onto the same boxes, and lists a field it has no box for", async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup({
      labelsCreate: async () =>
        ok({
          shipmentId: 'shp-1',
          state: 'invalid',
          trackingNumber: null,
          error: {
            code: 'VALIDATION',
            message: 'The API refused the request.',
            fields: [
              { field: 'shipment.shipTo.address.postalCode', message: 'postal code not served by this product' },
              { field: 'shipment.parcels[0].items[0].unitWeight', message: 'must be greater than 0' },
              { field: 'customs.incoterm', message: 'is required for this lane' },
            ],
          },
        }),
    });
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(labelsCreate).toHaveBeenCalledTimes(1));
    const postal = shipTo().getByLabelText('Postal code');
    await waitFor(() => expect(postal).toHaveAccessibleDescription('postal code not served by this product'));
    expect(postal).toHaveFocus();
    expect(screen.getByLabelText('Unit weight (kg)')).toHaveAccessibleDescription('must be greater than 0');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The API refused the request. The marked fields say what to fix.');
    expect(alert).toHaveTextContent('customs.incoterm: is required for this lane');
    // Nothing the packer typed is lost.
    expect(shipTo().getByLabelText('First name')).toHaveValue('Pat');
  });
});

describe('create label: submitting', () => {
  it('sends the request typed from the keyboard alone and shows each step, the tracking number and the printed state', async () => {
    const user = userEvent.setup();
    let resolve!: (v: ReturnType<typeof ok<LabelCreateResult>>) => void;
    const created: LabelRequestInput[] = [];
    const { push, onOpen } = setup({
      labelsCreate: vi.fn(async (req: LabelRequestInput) => {
        created.push(req);
        return new Promise((r) => (resolve = r));
      }) as unknown as StationApi['labelsCreate'],
    });
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      courier: 'yunexpress',
      service: { productCode: 'HKMUZXR' },
      order: { customerOrderNumber: 'ORDER-1001' },
      shipment: {
        shipTo: {
          contact: { firstName: 'Pat', phone: '+1-555-0100' },
          address: { streetLines: ['1 Main St'], state: 'CA', postalCode: '90001', countryCode: 'US' },
        },
        shipFrom: {
          contact: { firstName: 'Ware', phone: '+81-3-0000-0000' },
          address: { streetLines: ['1-1 Example'], city: 'Tokyo', countryCode: 'JP' },
        },
        parcels: [
          { weight: 0.5, items: [{ descriptionEn: 'Ink pen', quantity: 1, unitPrice: { amount: 3.5, currency: 'USD' }, unitWeight: 0.5 }] },
        ],
      },
    });
    expect(screen.getByTestId('step-creating')).toHaveAttribute('data-state', 'active');
    act(() =>
      push({ type: 'labels:progress', payload: { shipmentId: 'shp-9', step: 'fetching_document', state: 'created', message: null } }),
    );
    expect(screen.getByTestId('step-creating')).toHaveAttribute('data-state', 'done');
    expect(screen.getByTestId('step-fetching')).toHaveAttribute('data-state', 'active');
    act(() =>
      push({ type: 'labels:progress', payload: { shipmentId: 'shp-9', step: 'printing', state: 'document_ready', message: null } }),
    );
    expect(screen.getByTestId('step-printing')).toHaveAttribute('data-state', 'active');
    await act(async () => resolve(ok({ shipmentId: 'shp-9', state: 'printed', trackingNumber: 'YT2503010001CN', error: null })));
    expect(await screen.findByTestId('created-tracking')).toHaveTextContent('YT2503010001CN');
    expect(screen.getByTestId('created-printed')).toHaveTextContent('Printed');
    expect(screen.getByTestId('step-printing')).toHaveAttribute('data-state', 'done');
    // Enter goes straight on to the next label.
    expect(screen.getByRole('button', { name: 'Next label' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Open shipment' }));
    expect(onOpen).toHaveBeenCalledWith('shp-9');
  });

  it('reprints from the result', async () => {
    const user = userEvent.setup();
    const labelsReprint = vi.fn(fakeStation().api.labelsReprint);
    setup({ labelsReprint });
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Reprint' }));
    // A reprint from a button asks why; nothing prints until the packer picks a reason.
    const confirm = screen.getByRole('button', { name: 'Reprint' });
    expect(confirm).toBeDisabled();
    expect(labelsReprint).not.toHaveBeenCalled();
    await user.click(screen.getByRole('radio', { name: 'Label damaged' }));
    await user.click(confirm);
    expect(labelsReprint).toHaveBeenCalledWith({ shipmentId: 'shp-9', reason: 'damaged' });
  });

  it('says what to do when the courier refuses, and retries the same shipment', async () => {
    const user = userEvent.setup();
    const labelsRetry = vi.fn(async () =>
      ok<LabelCreateResult>({ shipmentId: 'shp-3', state: 'printed', trackingNumber: 'YT9', error: null }),
    );
    setup({
      labelsRetry,
      labelsCreate: async () =>
        ok({
          shipmentId: 'shp-3',
          state: 'failed',
          trackingNumber: null,
          error: { code: 'COURIER_REJECTED', message: 'YunExpress API returned HTTP 400: Bad request' },
        }),
    });
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');
    // The reason once, plainly: no "HTTP 400", no repeated prefix (issue 11).
    expect(await screen.findByTestId('create-failure')).toHaveTextContent(
      'The courier refused the label: Bad request. Check the address and service, then press Try again: the same shipment is tried again as a new attempt.',
    );
    expect(screen.getByTestId('step-creating')).toHaveAttribute('data-state', 'failed');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    // What the form holds now, on the same shipment.
    expect(labelsRetry).toHaveBeenCalledWith({ shipmentId: 'shp-3', request: expect.objectContaining({ courier: 'yunexpress' }) });
    expect(await screen.findByTestId('created-tracking')).toHaveTextContent('YT9');
  });

  it('a label that printed nowhere says so and offers Reprint', async () => {
    const user = userEvent.setup();
    setup({
      labelsCreate: async () =>
        ok({
          shipmentId: 'shp-4',
          state: 'print_failed',
          trackingNumber: 'YT4',
          error: { code: 'PRINTER', message: 'The queue Zebra is paused' },
        }),
    });
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('create-failure')).toHaveTextContent(
      'The label was created but did not print: The queue Zebra is paused.',
    );
    expect(screen.getByTestId('step-printing')).toHaveAttribute('data-state', 'failed');
    expect(screen.getByRole('button', { name: 'Reprint' })).toBeInTheDocument();
  });

  it('a station error before anything was saved is shown, not swallowed', async () => {
    const user = userEvent.setup();
    setup({ labelsCreate: async () => err('INTERNAL', 'The label store could not be opened.') });
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');

    expect(await screen.findByTestId('create-failure')).toHaveTextContent('The label store could not be opened.');
  });
});

describe('create label: Ctrl+D', () => {
  it("brings back the last shipment's service, parcels and items without its recipient or order", async () => {
    const user = userEvent.setup();
    setup();
    await fillByKeyboard(user);
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Next label' }));
    await waitFor(() => expect(screen.getByLabelText('Weight (kg)')).toHaveValue(''));
    await user.keyboard('{Control>}d{/Control}');
    expect(await screen.findByText('Copied the last shipment without its recipient.')).toBeInTheDocument();
    expect(screen.getByLabelText('Courier')).toHaveValue('yunexpress');
    expect(screen.getByLabelText('Weight (kg)')).toHaveValue('0.5');
    expect(screen.getByLabelText('Description (English)')).toHaveValue('Ink pen');
    expect(shipTo().getByLabelText('First name')).toHaveValue('');
    expect(shipTo().getByLabelText('Postal code')).toHaveValue('');
    expect(screen.getByLabelText('Order number')).toHaveValue('');
  });

  it('says so when there is nothing to duplicate yet', async () => {
    const user = userEvent.setup();
    setup();
    await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
    await user.keyboard('{Control>}d{/Control}');
    expect(await screen.findByText('No earlier shipment to duplicate yet.')).toBeInTheDocument();
  });
});

describe('create label: catalogue', () => {
  it("offers the account's couriers and only the chosen courier's products", async () => {
    const user = userEvent.setup();
    setup({
      catalogCouriers: async () =>
        ok([
          { code: 'yunexpress', name: 'YunExpress' },
          { code: 'sfexpress', name: 'SF Express' },
        ]),
      catalogProducts: async (q) =>
        ok(
          [
            { code: 'HKMUZXR', name: 'HK Line', description: null, courier: 'yunexpress' },
            { code: 'SF01', name: 'SF Standard', description: null, courier: 'sfexpress' },
          ].filter((p) => p.courier === q?.courier),
        ),
    });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'sfexpress');
    const product = await screen.findByRole('combobox', { name: 'Product' });
    await waitFor(() =>
      expect(
        within(product)
          .getAllByRole('option')
          .map((o) => o.getAttribute('value')),
      ).toEqual(['', 'SF01']),
    );
  });

  it('lets the packer type the courier code when the list cannot be loaded', async () => {
    const user = userEvent.setup();
    setup({ catalogCouriers: async () => err('UNAUTHORIZED', 'Set the API token in Settings.') });
    expect(await screen.findByText('Could not load the list: Set the API token in Settings.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Courier' }), 'yunexpress');
    expect(screen.getByRole('textbox', { name: 'Courier' })).toHaveValue('yunexpress');
  });
});
