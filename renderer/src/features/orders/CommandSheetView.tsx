import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATION_COMMANDS, commandPayload } from '../../../../shared/scan/commands';
import type { StationError } from '../../../../shared/result';
import { useStation } from '../../lib/station-context';
import { AlertText } from '../../lib/courier-text';
import './orders.css';

const PAPERS = ['A4', 'Letter', '4x6in'] as const;
type Paper = (typeof PAPERS)[number];

function pdfUrl(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** The command barcodes (SHIP, NEXT, CANCEL, REPRINT) as a sheet to print and keep beside the bench. */
export function CommandSheetView() {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [paper, setPaper] = useState<Paper>('A4');
  const [drawn, setDrawn] = useState<{ url: string; fileName: string; key: string } | null>(null);
  const key = `${paper}\u0000${i18n.language}`;
  const sheet = drawn?.key === key ? drawn : null;
  const [error, setError] = useState<StationError | null>(null);

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    // The sheet is written in the packer's language: asked again when the language changes.
    void station.ordersCommandSheet({ paper }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      url = pdfUrl(r.value.base64);
      setDrawn({ url, fileName: r.value.fileName, key });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [station, paper, key]);

  return (
    <section aria-labelledby="commands-title" className="commands">
      <h2 id="commands-title" className="view-title">
        {t('commandSheet.title')}
      </h2>
      <p className="hint">{t('commandSheet.intro')}</p>
      <ul className="command-list">
        {STATION_COMMANDS.map((c) => (
          <li key={c}>
            <span className="mono" translate="no">
              {commandPayload(c)}
            </span>{' '}
            {t(`orderDesk.commands.${c}`)}
          </li>
        ))}
      </ul>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="sheet-paper">{t('commandSheet.paper')}</label>
          <select id="sheet-paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            {PAPERS.map((p) => (
              <option key={p} value={p}>
                {t(`commandSheet.papers.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <AlertText text={error?.message} />
      {!sheet && !error && <p className="hint">{t('commandSheet.loading')}</p>}
      {sheet && (
        <>
          {/* A link, not an embedded viewer: a PDF plug-in would take the keyboard's focus and not give it back. */}
          <p>
            <a className="button" href={sheet.url} download={sheet.fileName} data-testid="sheet-download">
              {t('commandSheet.download')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
