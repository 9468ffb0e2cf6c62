import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

describe('the desktop shell opens a screen (clicked notification or tray item)', () => {
  it('goes to the shipment list and to settings when asked', async () => {
    const { api, push } = fakeStation();
    renderWithStation(<App />, api);
    await screen.findByRole('heading', { name: 'Create label' });
    act(() => push({ type: 'app:navigate', payload: { view: 'shipments' } }));
    expect(await screen.findByRole('heading', { name: 'Shipments' })).toBeInTheDocument();
    act(() => push({ type: 'app:navigate', payload: { view: 'settings' } }));
    expect(await screen.findByDisplayValue('Bench 7')).toBeInTheDocument();
  });
});
