/**
 * Settings › notifications, warehouse mode: a station tells about the
 * shipments it made; the option "also for shipments made at the other
 * stations of the site" is offered only when the station is on a warehouse
 * database, says what it does, and is saved with the other settings.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../renderer/src/features/settings/SettingsView';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

const OPTION = 'Also for shipments made at the other stations of the site';

describe('settings: notifications for the whole site', () => {
  it('in warehouse mode, offers the option with its explanation and saves it', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const settingsUpdate = vi.fn(base.settingsUpdate);
    renderWithStation(
      <SettingsView />,
      fakeStation({ settingsUpdate }, { warehouse: { location: 'station@db.warehouse.lan:5432/shipping', reachable: true } }).api,
    );
    const box = within(await screen.findByRole('group', { name: 'Notify me when a shipment becomes…' }));
    const option = await box.findByRole('checkbox', { name: OPTION });
    expect(option).not.toBeChecked();
    expect(option).toHaveAccessibleDescription(/each station tells about the shipments it made, whichever station checked them/);
    await user.click(option);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(settingsUpdate).toHaveBeenCalledWith(expect.objectContaining({ notifySiteWide: true })));
  });

  it('a station on its own file has no site: the option is not shown', async () => {
    renderWithStation(<SettingsView />, fakeStation().api);
    const box = within(await screen.findByRole('group', { name: 'Notify me when a shipment becomes…' }));
    expect(await box.findByRole('checkbox', { name: 'Delivered' })).toBeInTheDocument();
    expect(box.queryByRole('checkbox', { name: OPTION })).toBeNull();
  });
});
