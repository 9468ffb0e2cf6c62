/**
 * Settings: the label servers on the local network (`privateDocumentHosts`).
 * The packer adds and removes hosts in a list; each is checked by the
 * station's own rule (a host name or IP address, optionally with :port) as it
 * is added, with the reason in the packer's language; Enter adds without
 * saving the form; Save sends the list.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../renderer/src/features/settings/SettingsView';
import { ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

describe('settings: label servers on the local network', () => {
  it('adds checked hosts, refuses what the station would refuse, removes, and saves the list', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const settingsUpdate = vi.fn(base.settingsUpdate);
    renderWithStation(<SettingsView />, fakeStation({ settingsUpdate }).api);
    const box = within(await screen.findByRole('group', { name: 'Label servers on the local network' }));
    expect(box.getByText('None listed: label documents come from public addresses only.')).toBeInTheDocument();
    const input = box.getByLabelText('Host name or IP address');

    // Enter adds the host (lower case, as the station compares it) and saves nothing yet.
    await user.type(input, 'Labels.Warehouse.lan:8080{Enter}');
    expect(box.getByRole('list')).toHaveTextContent('labels.warehouse.lan:8080');
    expect(input).toHaveValue('');
    expect(settingsUpdate).not.toHaveBeenCalled();

    // A URL is not a host: said, and not added.
    await user.type(input, 'http://10.0.4.20/labels');
    await user.click(box.getByRole('button', { name: 'Add' }));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/Enter only a host name or IP address, optionally with :port \(no http:\/\/, no path\)/);
    expect(box.getAllByRole('listitem')).toHaveLength(1);

    // The same host twice is said once.
    await user.clear(input);
    await user.type(input, 'LABELS.warehouse.lan:8080{Enter}');
    expect(input).toHaveAccessibleDescription(/labels\.warehouse\.lan:8080 is already in the list\./);
    await user.clear(input);
    expect(input).not.toHaveAttribute('aria-invalid');

    await user.type(input, '10.0.4.20{Enter}');
    await user.type(input, '[[fd00::5]:9100{Enter}');
    expect(box.getAllByRole('listitem').map((li) => li.querySelector('code')?.textContent)).toEqual([
      'labels.warehouse.lan:8080',
      '10.0.4.20',
      '[fd00::5]:9100',
    ]);
    await user.click(box.getByRole('button', { name: 'Remove labels.warehouse.lan:8080' }));
    expect(box.getAllByRole('listitem')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(settingsUpdate).toHaveBeenCalledWith(expect.objectContaining({ privateDocumentHosts: ['10.0.4.20', '[fd00::5]:9100'] })),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Settings saved.');
  });

  it('shows the saved hosts, and says in 简体中文 why a host is refused', async () => {
    const user = userEvent.setup();
    renderWithStation(
      <SettingsView />,
      fakeStation({ settingsGet: async () => ok({ ...fakeSettingsView(), privateDocumentHosts: ['printsrv.lan'] }) }).api,
      'zh-CN',
    );
    const box = within(await screen.findByRole('group', { name: '本地网络中的标签服务器' }));
    expect(box.getByRole('list')).toHaveTextContent('printsrv.lan');
    const input = box.getByLabelText('主机名或 IP 地址');
    await user.type(input, 'labels/warehouse');
    await user.click(box.getByRole('button', { name: '添加' }));
    expect(input).toHaveAccessibleDescription(/只填写主机名或 IP 地址，可带 :端口/);
    await user.clear(input);
    await user.click(box.getByRole('button', { name: '添加' }));
    expect(input).toHaveAccessibleDescription(/请填写主机名或 IP 地址/);
  });
});
