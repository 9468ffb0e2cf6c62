/**
 * End of day (issue 13): the labels created today (or in any range) per
 * courier, for the driver to sign (printed on the report printer, or saved as
 * PDF or CSV), the count per packer for the shift, and the audit log of the
 * range as CSV.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndOfDayView as View } from '../../../../shared/domain/end-of-day';
import { END_OF_DAY_PAPERS } from '../../../../shared/domain/end-of-day';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { EnglishText } from '../../lib/english-text';
import { saveBase64File, saveTextFile } from '../../lib/save-file';
import { fromLocalInput, localDay } from './range';

type Note = { kind: 'ok' | 'error'; text: string } | null;
type Paper = (typeof END_OF_DAY_PAPERS)[number];

export function EndOfDayView() {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [range, setRange] = useState(() => localDay(new Date()));
  const [view, setView] = useState<View | null>(null);
  const [paper, setPaper] = useState<Paper>('A4');
  const [note, setNote] = useState<Note>(null);

  const iso = useCallback(() => {
    const from = fromLocalInput(range.from);
    const to = fromLocalInput(range.to);
    return from && to ? { from, to } : null;
  }, [range]);

  const load = useCallback(() => {
    const r = iso();
    // A half-typed time: said when the answer comes back, never set synchronously.
    if (!r) return Promise.resolve().then(() => setNote({ kind: 'error', text: t('endOfDay.badRange') }));
    return station.endOfDayView(r).then((res) => {
      if (res.ok) {
        setView(res.value);
        setNote(null);
      } else setNote({ kind: 'error', text: res.error.fields?.[0]?.message ?? res.error.message });
    });
  }, [station, iso, t]);

  useEffect(() => {
    void load();
    // A label made or voided while the screen is open counts at once.
    return station.subscribe((e) => {
      if (e.type === 'shipments:changed') void load();
    });
  }, [station, load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };

  const save = async (document: 'handover' | 'packers', format: 'pdf' | 'csv') => {
    const r = iso();
    if (!r) return;
    const res = await station.endOfDayFile({ ...r, document, format, paper });
    if (!res.ok) return setNote({ kind: 'error', text: res.error.message });
    saveBase64File(res.value.fileName, res.value.base64, res.value.mimeType);
    setNote({ kind: 'ok', text: t('endOfDay.saved', { file: res.value.fileName }) });
  };

  const print = async (document: 'handover' | 'packers') => {
    const r = iso();
    if (!r) return;
    const res = await station.endOfDayPrint({ ...r, document });
    if (!res.ok) return setNote({ kind: 'error', text: res.error.message });
    const { profileName: profile, printed, fallback, message } = res.value;
    setNote(
      printed
        ? { kind: 'ok', text: t(fallback ? 'endOfDay.printedFallback' : 'endOfDay.printed', { profile }) }
        : { kind: 'error', text: t('endOfDay.notPrinted', { profile, message: message ?? '' }) },
    );
  };

  const exportAudit = async () => {
    const r = iso();
    if (!r) return;
    const res = await station.auditExport(r);
    if (!res.ok) return setNote({ kind: 'error', text: res.error.message });
    saveTextFile(res.value.fileName, res.value.csv, 'text/csv');
    setNote({ kind: 'ok', text: t('endOfDay.auditExported', { file: res.value.fileName, count: res.value.entries }) });
  };

  const kg = (n: number) => fmt.number(n);
  const totals = (x: { labels: number; parcels: number; weightKg: number }) =>
    [
      t('endOfDay.labelsCount', { count: x.labels }),
      t('endOfDay.parcelsCount', { count: x.parcels }),
      t('endOfDay.weightKg', { weight: kg(x.weightKg) }),
    ].join(' · ');
  const empty = view !== null && view.couriers.length === 0;
  return (
    <section aria-labelledby="eod-title" className="end-of-day">
      <h2 id="eod-title" className="view-title">
        {t('endOfDay.title')}
      </h2>
      <p className="hint">{t('endOfDay.intro')}</p>
      <form className="row-item eod-range" onSubmit={submit} aria-label={t('endOfDay.show')}>
        <label className="field">
          <span>{t('endOfDay.from')}</span>
          <input type="datetime-local" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
        </label>
        <label className="field">
          <span>{t('endOfDay.to')}</span>
          <input type="datetime-local" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
        </label>
        <button type="submit" className="button primary">
          {t('endOfDay.show')}
        </button>
        <button type="button" className="button" onClick={() => setRange(localDay(new Date()))}>
          {t('endOfDay.today')}
        </button>
        <button type="button" className="button" onClick={() => setRange(localDay(new Date(), -1))}>
          {t('endOfDay.yesterday')}
        </button>
      </form>
      <p className={note?.kind === 'error' ? 'error' : 'ok-text'} role={note?.kind === 'error' ? 'alert' : 'status'} data-testid="eod-note">
        {note ? <EnglishText>{note.text}</EnglishText> : ''}
      </p>
      {!view && note?.kind !== 'error' && <p className="hint">{t('endOfDay.loading')}</p>}
      {view && (
        <p data-testid="eod-totals">
          <strong>{totals(view.totals)}</strong>
          {view.totals.voided > 0 && <span className="hint"> · {t('endOfDay.voided', { count: view.totals.voided })}</span>}
        </p>
      )}

      <section className="box" aria-labelledby="eod-handover">
        <div className="box-head">
          <h3 id="eod-handover">{t('endOfDay.handover')}</h3>
          <div className="actions">
            <label className="field">
              <span>{t('endOfDay.paper')}</span>
              <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
                {END_OF_DAY_PAPERS.map((p) => (
                  <option key={p} value={p}>
                    {p === '4x6in' ? '4×6 in' : p}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" onClick={() => void print('handover')} disabled={empty}>
              {t('endOfDay.printHandover')}
            </button>
            <button type="button" className="button" onClick={() => void save('handover', 'pdf')}>
              {t('endOfDay.saveHandoverPdf')}
            </button>
            <button type="button" className="button" onClick={() => void save('handover', 'csv')}>
              {t('endOfDay.saveHandoverCsv')}
            </button>
          </div>
        </div>
        {empty && <p className="empty">{t('endOfDay.empty')}</p>}
        {view?.couriers.map((c) => (
          <div key={c.courierCode} className="eod-courier" data-testid="eod-courier">
            <h4>
              <span translate="no">{c.courierName}</span>
            </h4>
            <p className="hint">{totals(c.totals)}</p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('endOfDay.number')}</th>
                  <th scope="col">{t('endOfDay.tracking')}</th>
                  <th scope="col">{t('endOfDay.order')}</th>
                  <th scope="col">{t('endOfDay.parcels')}</th>
                  <th scope="col">{t('endOfDay.weight')}</th>
                  <th scope="col">{t('endOfDay.time')}</th>
                  <th scope="col">{t('endOfDay.packer')}</th>
                </tr>
              </thead>
              <tbody>
                {c.labels.map((l, i) => (
                  <tr key={l.trackingNumber} data-testid="eod-label-row">
                    <td>{i + 1}</td>
                    <td className="mono" translate="no">
                      {l.trackingNumber}
                    </td>
                    <td translate="no">{l.orderNumber ?? ''}</td>
                    <td>{l.parcels}</td>
                    <td>{kg(l.weightKg)}</td>
                    <td>{fmt.dateTime(l.createdAt)}</td>
                    <td translate="no">{l.packer ?? t('endOfDay.noPacker')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section className="box" aria-labelledby="eod-packers">
        <div className="box-head">
          <h3 id="eod-packers">{t('endOfDay.perPacker')}</h3>
          <div className="actions">
            <button type="button" className="button" onClick={() => void print('packers')} disabled={view?.packers.length === 0}>
              {t('endOfDay.printPackers')}
            </button>
            <button type="button" className="button" onClick={() => void save('packers', 'csv')}>
              {t('endOfDay.savePackersCsv')}
            </button>
            <button type="button" className="button" onClick={() => void exportAudit()}>
              {t('endOfDay.exportAudit')}
            </button>
          </div>
        </div>
        {view && view.packers.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('endOfDay.packer')}</th>
                <th scope="col">{t('endOfDay.labels')}</th>
                <th scope="col">{t('endOfDay.voidedColumn')}</th>
                <th scope="col">{t('endOfDay.parcels')}</th>
                <th scope="col">{t('endOfDay.weight')}</th>
                <th scope="col">{t('endOfDay.first')}</th>
                <th scope="col">{t('endOfDay.last')}</th>
              </tr>
            </thead>
            <tbody>
              {view.packers.map((p) => (
                <tr key={p.packer ?? ''} data-testid="eod-packer-row">
                  <td translate="no">{p.packer ?? t('endOfDay.noPacker')}</td>
                  <td>{p.labels}</td>
                  <td>{p.voided}</td>
                  <td>{p.parcels}</td>
                  <td>{kg(p.weightKg)}</td>
                  <td>{fmt.dateTime(p.firstAt)}</td>
                  <td>{fmt.dateTime(p.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
