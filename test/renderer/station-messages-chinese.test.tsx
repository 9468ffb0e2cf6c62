/**
 * The station's own words on a Chinese screen (a CUPS message, a queue's
 * name, an API failure in the scan answer) sit inside a translated sentence,
 * marked lang="en" so a screen reader reads them with an English voice; a
 * message the station already said in Chinese is not marked. Found by the
 * Chromium walk of every screen (test/e2e/accessibility.test.ts) on a
 * machine whose CUPS was not running.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PrintersView } from '../../renderer/src/features/printers/PrintersView';
import { ScanBox } from '../../renderer/src/features/scan/ScanBox';
import { ScanToast, ScanToastProvider } from '../../renderer/src/features/scan/ScanToast';
import { EnglishText } from '../../renderer/src/lib/english-text';
import { err } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

const CUPS_DOWN = 'The print system (CUPS) is not running. Start it (or check CUPS_SERVER), then reprint.';

/** The text of `el` outside any lang="en" or translate="no" element: what a screen reader reads in Chinese. */
function chineseVoice(el: HTMLElement): string {
  let out = '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (!node.parentElement?.closest('[lang^="en"], [translate="no"]')) out += node.textContent ?? '';
  return out;
}

describe('station messages on Chinese screens', () => {
  it('a CUPS that is not running is said in Chinese, its own message marked English', async () => {
    const station = fakeStation();
    renderWithStation(<PrintersView />, { ...station.api, printersList: async () => err('PRINTER', CUPS_DOWN) }, 'zh-CN');
    const note = await screen.findByTestId('printers-note');
    expect(note).toHaveTextContent(`出错了：${CUPS_DOWN}`);
    expect(note.querySelector('[lang="en"]')).toHaveTextContent(CUPS_DOWN);
    expect(chineseVoice(note)).toBe('出错了：');
  });

  it('a test page sent names its queue inside the Chinese sentence, marked', async () => {
    const user = userEvent.setup();
    renderWithStation(<PrintersView />, fakeStation().api, 'zh-TW');
    await user.click((await screen.findAllByRole('button', { name: '測試列印' }))[0]!);
    const note = await screen.findByTestId('printers-note');
    expect(note).toHaveTextContent('測試頁已傳送至 Zebra_ZD421。');
    expect(note.querySelector('[lang="en"]')).toHaveTextContent('Zebra_ZD421');
    expect(chineseVoice(note)).toBe('測試頁已傳送至 。');
  });

  it('a scan the station could not look up: the answer in Chinese, the API’s words marked', async () => {
    const user = userEvent.setup();
    const failure = 'The Flex Forward API could not be reached. Check the network, then scan again.';
    renderWithStation(
      <ScanToastProvider sound={false}>
        <ScanBox reprintOnRescan={false} openShipmentId={null} onOpen={() => undefined} onCreateForOrder={() => undefined} />
        <ScanToast />
      </ScanToastProvider>,
      fakeStation({ scanResolve: async () => err('NETWORK', failure) }).api,
      'zh-CN',
    );
    await user.type(screen.getByRole('textbox'), 'YT00000012{Enter}');
    const toast = await screen.findByTestId('scan-toast');
    expect(toast).toHaveTextContent(`无法查找“YT00000012”：${failure}`);
    expect(toast.querySelector('[lang="en"]')).toHaveTextContent(failure);
    expect(chineseVoice(toast)).toBe('无法查找“YT00000012”：');
  });

  it('a message already in Chinese (a setting checked in the packer’s language) is not marked English', () => {
    renderWithStation(
      <p data-testid="said">
        <EnglishText>{'工作站名称不能为空。'}</EnglishText>
      </p>,
      fakeStation().api,
      'zh-CN',
    );
    expect(screen.getByTestId('said').querySelector('[lang]')).toBeNull();
  });
});
