import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ImportOutcome, PresetListSchema, PreviewOutcomeSchema } from '../../../../shared/domain/order-desk';
import {
  IMPORT_POLICIES,
  describeAttention,
  describeImportProblem,
  describeSkip,
  type ImportPolicy,
} from '../../../../shared/domain/order-import';
import type { Language } from '../../../../shared/domain/settings';
import type { StationError } from '../../../../shared/result';
import { languageOf } from '../../i18n';
import { useStation } from '../../lib/station-context';
import { CourierText } from '../../lib/courier-text';
import { useFormat } from '../../lib/format';
import { csvHeader } from './csv-header';
import { clearFileInput, fileBytes, overUploadLimit, sendFile } from './file-transfer';
import { MappingEditor, draftFromPreset, emptyDraft, presetFromDraft, type MappingDraft } from './MappingEditor';
import { ReportList } from './report-list';
import './orders.css';

type Preview = z.output<typeof PreviewOutcomeSchema>;
type SavedPresets = z.output<typeof PresetListSchema>;

/** Orders shown in the preview before anything is saved. */
export const PREVIEW_ORDERS = 10;
/** The mapping-screen choice that means "a mapping not saved yet". */
const NEW_MAPPING = '\u0000new';

interface Chosen {
  name: string;
  bytes: Uint8Array;
  header: string[];
}

export function ImportView({ onShowOrders }: { onShowOrders(): void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const station = useStation();
  const fmt = useFormat();
  const [file, setFile] = useState<Chosen | null>(null);
  const [presets, setPresets] = useState<SavedPresets>([]);
  const [choice, setChoice] = useState('');
  const [draft, setDraft] = useState<MappingDraft>(emptyDraft);
  const [policy, setPolicy] = useState<ImportPolicy>('import-good-rows');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void station.orderPresetsList().then((r) => live && r.ok && setPresets(r.value));
    return () => {
      live = false;
    };
  }, [station]);

  /** What the calls say about the mapping: an unsaved one from the editor, a saved one by name, or recognise the file. */
  const mappingArgs = useCallback(
    (which: string) =>
      which === NEW_MAPPING ? { preset: presetFromDraft(draft) } : which !== '' ? { presetName: which } : ({} as Record<string, never>),
    [draft],
  );

  const send = useCallback(
    async (chosen: Chosen) => {
      const r = await sendFile(station, chosen.name, chosen.bytes, (share) =>
        setBusy(t('importScreen.uploading', { file: chosen.name, percent: Math.round(share * 100) })),
      );
      if (!r.ok) setError(r.error);
      return r.ok ? r.value : null;
    },
    [station, t],
  );

  const runPreview = useCallback(
    async (chosen: Chosen | null, which: string) => {
      if (!chosen) return setNotice(t('importScreen.chooseFile'));
      setError(null);
      setNotice(null);
      setOutcome(null);
      setBusy(t('importScreen.previewing'));
      try {
        const sent = await send(chosen);
        if (!sent) return;
        const r = await station.ordersPreview({ file: sent, ...mappingArgs(which), policy, limit: PREVIEW_ORDERS });
        if (!r.ok) return setError(r.error);
        setPreview(r.value);
        // Not a Shopify export and no mapping chosen: the mapping screen, with this file's columns.
        if (which === '' && r.value.report.problems.some((p) => p.code === 'unknown-layout')) {
          setChoice(NEW_MAPPING);
          setDraft((d) => (d.name === '' ? { ...emptyDraft(), name: chosen.name.replace(/\.[^.]*$/, '').slice(0, 60) } : d));
        }
      } finally {
        setBusy(null);
      }
    },
    [send, station, mappingArgs, policy, t],
  );

  const choose = async (picked: File | undefined) => {
    setPreview(null);
    setOutcome(null);
    setError(null);
    if (!picked) return setFile(null);
    const tooLarge = overUploadLimit(picked);
    if (tooLarge) {
      setFile(null);
      return setNotice(t('importScreen.tooLarge', { max: tooLarge.maxMb }));
    }
    setBusy(t('importScreen.reading', { file: picked.name }));
    const bytes = await fileBytes(picked);
    const chosen = { name: picked.name, bytes, header: csvHeader(bytes) };
    setFile(chosen);
    await runPreview(chosen, choice);
  };

  const runImport = async () => {
    if (!file) return setNotice(t('importScreen.chooseFile'));
    setError(null);
    setNotice(null);
    setBusy(t('importScreen.importing'));
    try {
      const sent = await send(file);
      if (!sent) return;
      const r = await station.ordersImport({ file: sent, ...mappingArgs(choice), policy });
      if (!r.ok) return setError(r.error);
      setOutcome(r.value);
      setPreview(null);
    } finally {
      setBusy(null);
    }
  };

  // The report takes the focus in the render that shows it (a layout effect), never a task later.
  useLayoutEffect(() => {
    if (outcome) reportHeading.current?.focus();
  }, [outcome]);

  const saveMapping = async () => {
    const preset = presetFromDraft(draft);
    const existing = presets.find((p) => p.preset.name === preset.name && !p.builtIn);
    const r = await station.orderPresetsSave({ preset, ...(existing ? { replace: existing.preset.name } : {}) });
    if (!r.ok) return setError(r.error);
    setPresets(r.value);
    setChoice(preset.name);
    if (file) await runPreview(file, preset.name);
    setNotice(t('mapping.saved', { name: preset.name }));
  };

  const deleteMapping = async (name: string) => {
    const r = await station.orderPresetsDelete({ name });
    if (!r.ok) return setError(r.error);
    setPresets(r.value);
    setChoice('');
    setNotice(t('mapping.deleted', { name }));
  };

  const onChoice = (value: string) => {
    setChoice(value);
    const saved = presets.find((p) => p.preset.name === value);
    if (saved && !saved.builtIn) setDraft(draftFromPreset(saved.preset, saved.preset.name));
    if (value === NEW_MAPPING && draft.name === '')
      setDraft({ ...emptyDraft(), name: file ? file.name.replace(/\.[^.]*$/, '').slice(0, 60) : '' });
    if (value !== NEW_MAPPING) void runPreview(file, value);
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setOutcome(null);
    setError(null);
    setNotice(null);
    clearFileInput(fileInput.current);
  };

  const savedChoice = presets.find((p) => p.preset.name === choice && !p.builtIn);
  const editing = choice === NEW_MAPPING || savedChoice !== undefined;

  return (
    <section aria-labelledby="import-title" className="import">
      <h2 id="import-title" className="view-title">
        {t('importScreen.title')}
      </h2>
      <p className="hint">{t('importScreen.intro')}</p>
      <div className="toolbar import-toolbar">
        <div className="field">
          <label htmlFor="import-file">{t('importScreen.file')}</label>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            accept=".csv,.json,.txt,.tsv,text/csv,application/json,text/plain"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
        <div className="field">
          <label htmlFor="import-mapping">{t('importScreen.mapping')}</label>
          <select id="import-mapping" value={choice} onChange={(e) => onChoice(e.target.value)}>
            <option value="">{t('importScreen.mappingAuto')}</option>
            {presets.map((p) => (
              <option key={p.preset.name} value={p.preset.name}>
                {p.preset.name}
                {p.builtIn ? ` ${t('mapping.builtIn')}` : ''}
              </option>
            ))}
            <option value={NEW_MAPPING}>{t('importScreen.newMapping')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-policy">{t('importScreen.policy')}</label>
          <select id="import-policy" value={policy} onChange={(e) => setPolicy(e.target.value as ImportPolicy)}>
            {IMPORT_POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`importScreen.policies.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <p role="status" className="live-empty" data-testid="import-status">
        {busy ?? notice}
      </p>
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          <CourierText text={error.message} />
          {error.fields?.map((f) => (
            <span key={f.field}>
              {' '}
              <span translate="no">{f.field}</span>: <CourierText text={f.message} />
            </span>
          ))}
        </p>
      )}

      {editing && !outcome && (
        <MappingEditor
          draft={draft}
          onChange={setDraft}
          header={file?.header ?? []}
          fileName={file?.name ?? null}
          templates={presets.map((p) => ({ name: p.preset.name, preset: p.preset, builtIn: p.builtIn }))}
          busy={busy !== null}
          onPreview={() => void runPreview(file, NEW_MAPPING)}
          onSave={() => void saveMapping()}
          {...(savedChoice ? { onDelete: () => void deleteMapping(savedChoice.preset.name) } : {})}
        />
      )}

      {preview && !outcome && file && (
        <PreviewPanel preview={preview} language={language} file={file.name} onImport={() => void runImport()} busy={busy !== null} />
      )}

      {outcome && (
        <section className="box" aria-labelledby="import-report-title" data-testid="import-report">
          <h3 id="import-report-title" className="box-head" tabIndex={-1} ref={reportHeading}>
            {t('importScreen.reportTitle')}
          </h3>
          {!outcome.report.accepted && (
            <p className="error" role="alert">
              {t('importScreen.refused')}
            </p>
          )}
          <dl className="import-counts">
            {(
              [
                ['read', outcome.report.rows],
                ['created', outcome.stored.created],
                ['updated', outcome.stored.updated],
                ['unchanged', outcome.stored.unchanged],
                ['conflicts', outcome.stored.conflicts.length],
                ['skipped', outcome.report.skipped.length],
                ['attention', outcome.report.needsAttention.length],
              ] as const
            ).map(([key, n]) => (
              <div key={key} data-testid={`import-count-${key}`}>
                <dt>{t(`importScreen.counts.${key}`)}</dt>
                <dd>{fmt.number(n)}</dd>
              </div>
            ))}
          </dl>
          <ReportDetails outcome={outcome} language={language} />
          <div className="actions">
            <button type="button" className="button" onClick={onShowOrders}>
              {t('importScreen.toOrders')}
            </button>
            <button type="button" className="button button-quiet" onClick={reset}>
              {t('importScreen.another')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

function problemsOf(report: ImportOutcome['report'], language: Language): string[] {
  return report.problems.map((p) => describeImportProblem(language, report.file, p));
}

function ReportDetails({ outcome, language }: { outcome: ImportOutcome; language: Language }) {
  const { t } = useTranslation();
  const { report, stored } = outcome;
  const say = (key: string, params: Record<string, string | number>) => t(`orderDesk.stored.${key}`, params);
  return (
    <>
      <ReportList title={t('importScreen.problemsTitle')} items={problemsOf(report, language)} testId="report-problems" />
      <ReportList
        title={t('importScreen.skippedTitle')}
        items={report.skipped.map((s) => describeSkip(language, s))}
        testId="report-skipped"
      />
      <ReportList
        title={t('importScreen.attentionTitle')}
        testId="report-attention"
        items={report.needsAttention.map((n) => `${n.orderNumber}: ${n.items.map((i) => describeAttention(language, i)).join('; ')}`)}
      />
      <ReportList
        title={t('importScreen.conflictsTitle')}
        testId="report-conflicts"
        items={stored.conflicts.flatMap((c) =>
          c.fields.map((f) => say('conflict', { order: c.orderNumber, field: f.field, fileValue: f.fileValue, keptValue: f.keptValue })),
        )}
      />
      <ReportList
        title={t('importScreen.keptTitle')}
        testId="report-kept"
        items={stored.keptLabelled.map((k) => say('keptLabelled', { order: k.orderNumber }))}
      />
      <ReportList
        title={t('importScreen.cancelledTitle')}
        testId="report-cancelled"
        items={stored.cancelledAfterLabelling.map((c) =>
          say('cancelledAfterLabelling', { order: c.orderNumber, tracking: c.trackingNumber ?? '' }),
        )}
      />
      <ReportList
        title={t('importScreen.closedTitle')}
        testId="report-closed"
        items={stored.closed.map((c) => say('closed', { order: c.orderNumber, reason: t(`orderDesk.ship.reasons.${c.reason}`) }))}
      />
    </>
  );
}

function PreviewPanel({
  preview,
  language,
  file,
  onImport,
  busy,
}: {
  preview: Preview;
  language: Language;
  file: string;
  onImport(): void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { report, orders } = preview;
  const problems = problemsOf(report, language);
  return (
    <section className="box" aria-labelledby="import-preview-title" data-testid="import-preview">
      <h3 id="import-preview-title" className="box-head">
        {t('importScreen.previewTitle')}
      </h3>
      {!report.accepted && (
        <p className="error" role="alert">
          {t('importScreen.refused')}
        </p>
      )}
      {orders.length === 0 ? (
        <p className="empty">{t('importScreen.previewNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label={t('importScreen.previewTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('importScreen.previewColumns.row')}</th>
                <th scope="col">{t('importScreen.previewColumns.order')}</th>
                <th scope="col">{t('importScreen.previewColumns.recipient')}</th>
                <th scope="col">{t('importScreen.previewColumns.address')}</th>
                <th scope="col">{t('importScreen.previewColumns.lines')}</th>
                <th scope="col">{t('importScreen.previewColumns.attention')}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map(({ order, row, attention }) => {
                const a = order.shipTo.address;
                return (
                  <tr key={`${order.source}:${order.externalId}`} data-testid="preview-order">
                    <td>{row}</td>
                    <td translate="no" className="mono">
                      {order.orderNumber}
                    </td>
                    <td translate="no">
                      {[order.shipTo.contact.firstName, order.shipTo.contact.lastName].join(' ').trim() || order.shipTo.company || '—'}
                    </td>
                    <td translate="no">
                      {[...a.streetLines, a.postalCode, a.city, a.state, a.countryCode].filter((p) => p.trim() !== '').join(', ') || '—'}
                    </td>
                    <td>
                      <ul className="plain-list">
                        {order.lines.map((l, i) => (
                          <li key={i}>
                            <span translate="no">{t('importScreen.lineText', { quantity: l.quantity, name: l.name || l.sku })}</span>
                            {!l.requiresShipping && <span className="hint"> {t('importScreen.noShipping')}</span>}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {attention.length === 0 ? (
                        <span className="ok-text">{t('importScreen.ok')}</span>
                      ) : (
                        <CourierText className="warn-text" text={attention.map((i) => describeAttention(language, i)).join('; ')} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ReportList title={t('importScreen.problemsTitle')} items={problems} testId="preview-problems" />
      <ReportList
        title={t('importScreen.skippedTitle')}
        items={report.skipped.map((s) => describeSkip(language, s))}
        testId="preview-skipped"
      />
      <div className="actions">
        <button type="button" className="button" disabled={busy || orders.length === 0} onClick={onImport} data-testid="import-button">
          {t('importScreen.import')}
        </button>
        <span className="hint" translate="no">
          {file}
        </span>
      </div>
    </section>
  );
}
