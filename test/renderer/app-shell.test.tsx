import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

describe('app shell', () => {
  it('shows the demo banner when the station runs on the embedded sandbox', async () => {
    renderWithStation(<App />, fakeStation().api);
    expect(await screen.findByTestId('demo-banner')).toHaveTextContent(/Demo mode — embedded sandbox/);
  });

  it('says when the warehouse database cannot be reached, and clears it when it is back', async () => {
    let reachable = false;
    const { api, push } = fakeStation({}, { demo: false, environment: 'production' });
    const base = api.appStatus;
    api.appStatus = async () => {
      const r = await base();
      const why = 'The warehouse database at station@db.lan:5432/shipping refused the connection: is PostgreSQL running there, on that port?';
      return r.ok
        ? { ok: true, value: { ...r.value, warehouse: { location: 'station@db.lan:5432/shipping', reachable, message: reachable ? null : why } } }
        : r;
    };
    renderWithStation(<App />, api);
    const banner = await screen.findByTestId('warehouse-banner');
    expect(banner).toHaveTextContent(/warehouse database cannot be reached — retrying.*nothing is bought.*station@db\.lan:5432\/shipping/);
    // Why, in the station's words (what the admin checks).
    expect(screen.getByTestId('warehouse-cause')).toHaveTextContent(/refused the connection: is PostgreSQL running there/);
    reachable = true;
    push({ type: 'app:statusChanged', payload: {} });
    await expect.poll(() => screen.queryByTestId('warehouse-banner')).toBeNull();
  });

  it('shows no demo banner against a real environment', async () => {
    const { api } = fakeStation({}, { demo: false, environment: 'production' });
    renderWithStation(<App />, api);
    await screen.findByRole('heading', { name: 'Create label' });
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('navigates between the four screens from the keyboard, marking the current one', async () => {
    const user = userEvent.setup();
    renderWithStation(<App />, fakeStation().api);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('button', { name: 'Create label' })).toHaveAttribute('aria-current', 'page');
    within(nav).getByRole('button', { name: 'Shipments' }).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Shipments' })).toBeInTheDocument();
    expect(await screen.findByText(/No shipments yet/)).toBeInTheDocument();
    await user.click(within(nav).getByRole('button', { name: 'Settings' }));
    expect(await screen.findByDisplayValue('Bench 7')).toBeInTheDocument();
    expect(screen.getByTestId('token-state')).toHaveTextContent('Not set');
    await user.click(within(nav).getByRole('button', { name: 'Printers' }));
    expect(screen.getByRole('heading', { name: 'Printers' })).toBeInTheDocument();
  });

  it('reloads the status when the main process says it changed', async () => {
    let demo = true;
    const { api, push } = fakeStation();
    const base = api.appStatus;
    api.appStatus = async () => {
      const r = await base();
      return r.ok ? { ok: true, value: { ...r.value, demo } } : r;
    };
    renderWithStation(<App />, api);
    await screen.findByTestId('demo-banner');
    demo = false;
    push({ type: 'app:statusChanged', payload: {} });
    await expect.poll(() => screen.queryByTestId('demo-banner')).toBeNull();
  });
});
