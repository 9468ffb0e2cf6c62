import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkuImportOutcome } from '../../../../shared/domain/order-desk';
import { describeImportProblem } from '../../../../shared/domain/order-import';
import type { StationError } from '../../../../shared/result';
import { AlertText, CourierText } from '../../lib/courier-text';
import { useFormat } from '../../lib/format';
import { useStation } from '../../lib/station-context';
import { languageOf, localeOf } from '../../i18n';
import { clearFileInput, fileBytes, overUploadLimit, sendFile } from '../orders/file-transfer';
import { ReportList } from '../orders/report-list';
import { SkuColumnHeads } from './sku-columns';
import { moneyText } from './sku-form';

/**
 * A catalogue CSV through the station's own reader (csv-parse, the same
 * decoding as order files): a dry run first shows the SKUs as they will be
 * stored and every refused row with its reason; only then the import.
 */
export function CatalogueImport({ onDone }: { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const station = useStation();
  const fmt = useFormat();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [decimal, setDecimal] = useState<'.' | ','>('.');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<StationError | string | null>(null);
  const [preview, setPreview] = useState<SkuImportOutcome | null>(null);
  const [outcome, setOutcome] = useState<SkuImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  // The report takes the focus in the render that shows it (a layout effect), never a task later.
  useLayoutEffect(() => {
    if (outcome) reportHeading.current?.focus();
  }, [outcome]);

  const run = async (chosen: { name: string; bytes: Uint8Array }, dryRun: boolean, separator: '.' | ',') => {
    setError(null);
    setBusy(dryRun ? t('catalogue.reading', { file: chosen.name }) : t('catalogue.importing'));
    try {
      const sent = await sendFile(station, chosen.name, chosen.bytes, (share) =>
        setBusy(t('catalogue.uploading', { file: chosen.name, percent: Math.round(share * 100) })),
      );
      if (!sent.ok) return setError(sent.error);
      const r = await station.skusImport({ file: sent.value, decimalSeparator: separator, dryRun });
      if (!r.ok) return setError(r.error);
      if (dryRun) setPreview(r.value);
      else {
        setOutcome(r.value);
        setPreview(null);
      }
    } finally {
      setBusy(null);
    }
  };

  const choose = async (picked: File | undefined) => {
    setPreview(null);
    setOutcome(null);
    setError(null);
    if (!picked) return setFile(null);
    const tooLarge = overUploadLimit(picked);
    if (tooLarge) {
      setFile(null);
      return setError(t('importScreen.tooLarge', { max: tooLarge.maxMb }));
    }
    const chosen = { name: picked.name, bytes: await fileBytes(picked) };
    setFile(chosen);
    await run(chosen, true, decimal);
  };

  const again = () => {
    setFile(null);
    setPreview(null);
    setOutcome(null);
    clearFileInput(fileInput.current);
  };

  const problems = (o: SkuImportOutcome) => o.problems.map((p) => describeImportProblem(language, o.file, p));
  const toApply = preview ? preview.added + preview.updated : 0;

  return (
    <section aria-labelledby="catalogue-import-title" className="pack-setup-panel">
      <h3 id="catalogue-import-title" className="view-title">
        {t('catalogue.importTitle')}
      </h3>
      <p className="hint">{t('catalogue.importIntro')}</p>
      {!outcome && (
        <div className="toolbar import-toolbar">
          <div className="field">
            <label htmlFor="catalogue-file">{t('catalogue.file')}</label>
            <input
              id="catalogue-file"
              ref={fileInput}
              type="file"
              accept=".csv,.txt,.tsv,text/csv,text/plain"
              autoFocus
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </div>
          <div className="field">
            <label htmlFor="catalogue-decimal">{t('catalogue.decimal')}</label>
            <select
              id="catalogue-decimal"
              value={decimal}
              onChange={(e) => {
                const next = e.target.value === ',' ? ',' : '.';
                setDecimal(next);
                if (file) void run(file, true, next);
              }}
            >
              <option value=".">{t('catalogue.decimals.dot')}</option>
              <option value=",">{t('catalogue.decimals.comma')}</option>
            </select>
          </div>
          <button type="button" className="button button-quiet" onClick={onDone}>
            {t('packSetup.cancel')}
          </button>
        </div>
      )}
      <p role="status" className="live-empty" data-testid="catalogue-import-status">
        {busy}
      </p>
      <AlertText text={typeof error === 'string' ? error : error?.message} />

      {preview && (
        <section className="box" aria-labelledby="catalogue-preview-title" data-testid="catalogue-preview">
          <h4 id="catalogue-preview-title" className="box-head">
            {t('catalogue.previewTitle')}
          </h4>
          {!preview.accepted && (
            <p className="error" role="alert">
              {t('catalogue.refused')}
            </p>
          )}
          <Counts outcome={preview} />
          {preview.preview.length > 0 && (
            <>
              <p className="hint">
                {t('catalogue.previewShown', {
                  shown: preview.preview.length,
                  count: preview.added + preview.updated + preview.unchanged,
                })}
              </p>
              <div className="table-scroll">
                <table className="table" aria-label={t('catalogue.previewTitle')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('catalogue.previewColumns.row')}</th>
                      <SkuColumnHeads />
                      <th scope="col">{t('catalogue.previewColumns.change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.preview.map(({ row, change, entry: e }) => (
                      <tr key={e.sku} data-testid="catalogue-preview-row">
                        <td>{row}</td>
                        <td translate="no" className="mono">
                          {e.sku}
                        </td>
                        <td>{e.descriptionEn ? <CourierText text={e.descriptionEn} /> : '—'}</td>
                        <td translate="no">{e.descriptionLocal || '—'}</td>
                        <td className="num" translate="no">
                          {e.unitWeightKg === null ? '—' : fmt.number(e.unitWeightKg)}
                        </td>
                        <td className="num" translate="no">
                          {e.unitValue ? moneyText(localeOf(i18n.language), e.unitValue) : '—'}
                        </td>
                        <td translate="no" className="mono">
                          {e.hsCode || '—'}
                        </td>
                        <td translate="no">{e.originCountry || '—'}</td>
                        <td>{t(`catalogue.changes.${change}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <Refused items={problems(preview)} testId="catalogue-preview-refused" />
          <div className="actions">
            {preview.accepted && toApply === 0 && preview.unchanged > 0 && <p className="hint">{t('catalogue.nothingToImport')}</p>}
            <button
              type="button"
              className="button primary"
              disabled={busy !== null || !preview.accepted || toApply === 0}
              onClick={() => file && void run(file, false, decimal)}
              data-testid="catalogue-import-button"
            >
              {t('catalogue.importNow', { count: toApply })}
            </button>
            <span className="hint" translate="no">
              {file?.name}
            </span>
          </div>
        </section>
      )}

      {outcome && (
        <section className="box" aria-labelledby="catalogue-report-title" data-testid="catalogue-report">
          <h4 id="catalogue-report-title" className="box-head" tabIndex={-1} ref={reportHeading}>
            {t('catalogue.reportTitle')}
          </h4>
          {!outcome.accepted && (
            <p className="error" role="alert">
              {t('catalogue.refused')}
            </p>
          )}
          <Counts outcome={outcome} />
          <Refused items={problems(outcome)} testId="catalogue-report-refused" />
          <div className="actions">
            <button type="button" className="button primary" onClick={onDone}>
              {t('catalogue.done')}
            </button>
            <button type="button" className="button button-quiet" onClick={again}>
              {t('catalogue.another')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

function Counts({ outcome }: { outcome: SkuImportOutcome }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refusedRows = new Set(outcome.problems.filter((p) => p.row !== null).map((p) => p.row)).size;
  return (
    <dl className="import-counts">
      {(
        [
          ['rows', outcome.rows],
          ['added', outcome.added],
          ['updated', outcome.updated],
          ['unchanged', outcome.unchanged],
          ['refused', refusedRows],
        ] as const
      ).map(([key, n]) => (
        <div key={key} data-testid={`catalogue-count-${key}`}>
          <dt>{t(`catalogue.counts.${key}`)}</dt>
          <dd>{fmt.number(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Refused({ items, testId }: { items: readonly string[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <ReportList
      title={t('catalogue.refusedTitle')}
      items={items}
      testId={testId}
      heading="h5"
      more={(count) => t('catalogue.moreProblems', { count })}
    />
  );
}
