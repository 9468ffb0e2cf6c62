import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackersView } from '../../../../shared/domain/packers';
import { useStation } from '../../lib/station-context';

/**
 * The packer on duty at this station, in the status bar: picked here at the
 * start of a shift (or by scanning a badge anywhere), changed the same way.
 */
export function PackerOnDuty() {
  const { t } = useTranslation();
  const station = useStation();
  const [view, setView] = useState<PackersView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void station.packersList().then((r) => live && r.ok && setView(r.value));
    const stop = station.subscribe((e) => {
      if (e.type === 'packers:changed') setView(e.payload);
    });
    return () => {
      live = false;
      stop();
    };
  }, [station]);

  const choose = async (id: string) => {
    const r = await station.packersSetOnDuty({ id: id === '' ? null : id });
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error.message);
  };

  const active = view?.packers.filter((p) => !p.retired) ?? [];
  return (
    <span className="status-item">
      {/* The select says who ("Mei Chen", "Nobody on duty"); its name is for screen readers, so the bar stays one line. */}
      <label className={active.length === 0 ? 'status-key' : 'visually-hidden'} htmlFor="packer-on-duty">
        {t('packers.statusKey')}
      </label>
      {active.length === 0 ? (
        <strong data-testid="status-packer">{view?.onDuty?.name ?? t('packers.nobody')}</strong>
      ) : (
        <select
          id="packer-on-duty"
          className="status-select"
          data-testid="status-packer"
          value={view?.onDuty?.id ?? ''}
          title={t('packers.onDuty')}
          onChange={(e) => void choose(e.target.value)}
        >
          <option value="">{t('packers.nobody')}</option>
          {active.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
