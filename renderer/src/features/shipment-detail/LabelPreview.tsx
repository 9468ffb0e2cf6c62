import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FittedDocument, FittedPage } from '../../../../shared/domain/printing';
import { useStation } from '../../lib/station-context';

type Preview =
  | { state: 'loading' }
  | { state: 'none'; message: string }
  | { state: 'ready'; url: string; format: 'pdf' | 'png'; pages: HTMLCanvasElement[] | null; fitted: FittedDocument | null };

function toBlob(base64: string, type: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/**
 * The label as it will print: the stored document fitted for the default
 * print profile (`labels:fitted`: the label found on a sheet, turned and
 * scaled as the printer gets it), each media page captioned with what it is.
 * When it cannot be fitted (no profile yet) the stored document itself is
 * shown. Shown from a blob: URL (the page's CSP allows blob: for
 * img/object/frame and nothing else); the URL is revoked when the preview
 * goes away.
 */
/** `name` says which label it is (its tracking number): the image's text alternative names it. */
export function LabelPreview({ shipmentId, version, name }: { shipmentId: string; version: string; name: string }) {
  const { t } = useTranslation();
  const station = useStation();
  const [preview, setPreview] = useState<Preview>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    const show = (base64: string, format: 'pdf' | 'png', fitted: FittedDocument | null): void => {
      const blob = toBlob(base64, format === 'pdf' ? 'application/pdf' : 'image/png');
      const objectUrl = URL.createObjectURL(blob);
      url = objectUrl;
      if (format === 'png') {
        setPreview({ state: 'ready', url: objectUrl, format: 'png', pages: null, fitted });
        return;
      }
      // PDF pages drawn as images work everywhere, the desktop window included (it has no PDF plugin);
      // if drawing fails the browser's own viewer is the fallback.
      void blob
        .arrayBuffer()
        .then((buf) => import('./pdf-pages').then((m) => m.renderPdfPages(new Uint8Array(buf), window.devicePixelRatio || 1)))
        .then(
          (pages) => live && setPreview({ state: 'ready', url: objectUrl, format: 'pdf', pages, fitted }),
          () => live && setPreview({ state: 'ready', url: objectUrl, format: 'pdf', pages: null, fitted }),
        );
    };
    void station.labelsFitted({ shipmentId }).then(async (fit) => {
      if (!live) return;
      if (fit.ok) return show(fit.value.base64, 'pdf', fit.value);
      const r = await station.labelsDocument({ shipmentId });
      if (!live) return;
      if (!r.ok) setPreview({ state: 'none', message: r.error.message });
      else show(r.value.base64, r.value.format, null);
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
  const summary = <FitSummary fitted={preview.fitted} />;
  if (preview.pages)
    return (
      <>
        {summary}
        <PdfCanvases pages={preview.pages} name={name} />
      </>
    );
  return (
    <>
      {summary}
      {preview.format === 'png' ? (
        <img className="label-image" src={preview.url} alt={t('ui.previewAlt', { name, n: 1, count: 1 })} data-testid="label-preview" />
      ) : (
        <object
          className="label-pdf"
          data={preview.url}
          type="application/pdf"
          aria-label={t('ui.previewAlt', { name, n: 1, count: 1 })}
          data-testid="label-preview"
        >
          <a href={preview.url} download="label.pdf">
            {t('detail.labelPreview')}
          </a>
        </object>
      )}
    </>
  );
}

/** Which profile the preview is fitted for and what each media page holds, or that it shows the carrier's document as sent. */
function FitSummary({ fitted }: { fitted: FittedDocument | null }) {
  const { t } = useTranslation();
  if (!fitted)
    return (
      <p className="hint" data-testid="fit-summary">
        {t('printFit.noProfile')}
      </p>
    );
  return (
    <div data-testid="fit-summary">
      <p className="hint">{`${t('printFit.previewProfile')} ${fitted.profileName}`}</p>
      <ol className="hint">
        {fitted.pages.map((page, i) => (
          <li key={i}>{describeFittedPage(page, t)}</li>
        ))}
      </ol>
    </div>
  );
}

/** One media page in words: label or document, where it comes from, which way it is turned, at what size. */
export function describeFittedPage(page: FittedPage, t: TFunction): string {
  return [
    t(`printFit.kinds.${page.kind}`),
    page.cropped ? t('printFit.cropped', { page: page.sourcePage }) : t('printFit.wholePage', { page: page.sourcePage }),
    t(`printFit.turns.${page.quarterTurns}`),
    t('printFit.scale', { percent: Math.round(page.scale * 100) }),
  ].join(' · ');
}

/** Shows already-drawn page canvases, each labelled as an image of its page. */
function PdfCanvases({ pages, name }: { pages: HTMLCanvasElement[]; name: string }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    pages.forEach((canvas, i) => {
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', t('ui.previewAlt', { name, n: i + 1, count: pages.length }));
      canvas.className = 'label-page';
    });
    el.replaceChildren(...pages);
  }, [pages, t, name]);
  return <div ref={host} className="label-pages" data-testid="label-preview" />;
}
