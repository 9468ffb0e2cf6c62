import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../lib/station-context';

type Preview =
  | { state: 'loading' }
  | { state: 'none'; message: string }
  | { state: 'ready'; url: string; format: 'pdf' | 'png'; pages: HTMLCanvasElement[] | null };

function toBlob(base64: string, type: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/**
 * The stored label document, shown from a blob: URL (the page's CSP allows
 * blob: for img/object/frame and nothing else): a PNG as an image, a PDF in
 * the browser's own viewer. The URL is revoked when the preview goes away.
 */
export function LabelPreview({ shipmentId, version }: { shipmentId: string; version: string }) {
  const { t } = useTranslation();
  const station = useStation();
  const [preview, setPreview] = useState<Preview>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void station.labelsDocument({ shipmentId }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setPreview({ state: 'none', message: r.error.message });
        return;
      }
      const blob = toBlob(r.value.base64, r.value.format === 'pdf' ? 'application/pdf' : 'image/png');
      const objectUrl = URL.createObjectURL(blob);
      url = objectUrl;
      if (r.value.format === 'png') {
        setPreview({ state: 'ready', url: objectUrl, format: 'png', pages: null });
        return;
      }
      // PDF pages drawn as images work everywhere, the desktop window included (it has no PDF plugin);
      // if drawing fails the browser's own viewer is the fallback.
      void blob
        .arrayBuffer()
        .then((buf) => import('./pdf-pages').then((m) => m.renderPdfPages(new Uint8Array(buf), window.devicePixelRatio || 1)))
        .then(
          (pages) => live && setPreview({ state: 'ready', url: objectUrl, format: 'pdf', pages }),
          () => live && setPreview({ state: 'ready', url: objectUrl, format: 'pdf', pages: null }),
        );
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [station, shipmentId, version]);

  if (preview.state === 'loading') return <p className="hint">{t('detail.loading')}</p>;
  if (preview.state === 'none')
    return (
      <p className="empty" data-testid="preview-none">
        {t('detail.noDocument')}
      </p>
    );
  if (preview.pages) return <PdfCanvases pages={preview.pages} />;
  return preview.format === 'png' ? (
    <img className="label-image" src={preview.url} alt={t('detail.page', { n: 1 })} data-testid="label-preview" />
  ) : (
    <object
      className="label-pdf"
      data={preview.url}
      type="application/pdf"
      aria-label={t('detail.labelPreview')}
      data-testid="label-preview"
    >
      <a href={preview.url} download="label.pdf">
        {t('detail.labelPreview')}
      </a>
    </object>
  );
}

/** Shows already-drawn page canvases, each labelled as an image of its page. */
function PdfCanvases({ pages }: { pages: HTMLCanvasElement[] }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    pages.forEach((canvas, i) => {
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', t('detail.page', { n: i + 1 }));
      canvas.className = 'label-page';
    });
    el.replaceChildren(...pages);
  }, [pages, t]);
  return <div ref={host} className="label-pages" data-testid="label-preview" />;
}
