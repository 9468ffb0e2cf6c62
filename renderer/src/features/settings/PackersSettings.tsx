import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { EnglishText } from '../../lib/english-text';
import { useTranslation } from 'react-i18next';
import { MAX_BADGE_CODE_CHARS, MAX_PACKER_NAME_CHARS, type Packer, type PackersView } from '../../../../shared/domain/packers';
import { useStation } from '../../lib/station-context';
import { saveBase64File } from '../../lib/save-file';

type Note = { kind: 'ok' | 'error'; text: ReactNode } | null;

/**
 * Settings › Packers: add, rename (or change a badge code), retire or bring
 * back, and print the badge sheet. Retired packers stay listed for the history.
 */
export function PackersSettings() {
  const { t } = useTranslation();
  const station = useStation();
  const [view, setView] = useState<PackersView | null>(null);
  const [name, setName] = useState('');
  const [badge, setBadge] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string; badge: string } | null>(null);
  const [note, setNote] = useState<Note>(null);

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

  const answer = (r: Awaited<ReturnType<typeof station.packersList>>): boolean => {
    if (r.ok) {
      setView(r.value);
      setNote({ kind: 'ok', text: t('packers.saved') });
      return true;
    }
    setNote({ kind: 'error', text: <EnglishText>{r.error.message}</EnglishText> });
    return false;
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const r = await station.packersSave({ packer: { name, ...(badge.trim() ? { badge } : {}) } });
    if (answer(r)) {
      setName('');
      setBadge('');
    }
  };

  const saveEdit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const r = await station.packersSave({ packer: { id: editing.id, name: editing.name, badge: editing.badge } });
    if (answer(r)) setEditing(null);
  };

  const retire = async (p: Packer) => answer(await station.packersRetire({ id: p.id, retired: !p.retired }));

  const badgeSheet = async () => {
    const r = await station.packersBadgeSheet({ paper: 'A4' });
    if (r.ok) saveBase64File(r.value.fileName, r.value.base64, 'application/pdf');
    else setNote({ kind: 'error', text: <EnglishText>{r.error.message}</EnglishText> });
  };

  return (
    <section className="box" aria-labelledby="packers-title" data-testid="packers-settings">
      <div className="box-head">
        <h3 id="packers-title">{t('packers.title')}</h3>
        <button type="button" className="button" onClick={() => void badgeSheet()} disabled={!view?.packers.some((p) => !p.retired)}>
          {t('packers.printBadges')}
        </button>
      </div>
      <p className="hint">{t('packers.intro')}</p>
      {view && view.packers.length === 0 && <p>{t('packers.none')}</p>}
      {view && view.packers.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('packers.name')}</th>
              <th scope="col">{t('packers.badge')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('packers.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.packers.map((p) =>
              editing?.id === p.id ? (
                <tr key={p.id}>
                  <td colSpan={3}>
                    <form
                      className="row-item"
                      onSubmit={(e) => void saveEdit(e)}
                      aria-label={t('packers.rowLabel', { name: p.name, badge: p.badge })}
                    >
                      <label className="field grow">
                        <span>{t('packers.name')}</span>
                        <input
                          value={editing.name}
                          maxLength={MAX_PACKER_NAME_CHARS}
                          onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                        />
                      </label>
                      <label className="field">
                        <span>{t('packers.badge')}</span>
                        <input
                          value={editing.badge}
                          maxLength={MAX_BADGE_CODE_CHARS}
                          spellCheck={false}
                          onChange={(e) => setEditing({ ...editing, badge: e.target.value })}
                        />
                      </label>
                      <button type="submit" className="button primary">
                        {t('packers.save')}
                      </button>
                      <button type="button" className="button" onClick={() => setEditing(null)}>
                        {t('packers.cancel')}
                      </button>
                    </form>
                  </td>
                </tr>
              ) : (
                <tr key={p.id} data-testid="packer-row">
                  <td>
                    {p.name}
                    {p.retired && <span className="hint"> · {t('packers.retired')}</span>}
                  </td>
                  <td className="mono">{p.badge}</td>
                  <td className="actions">
                    {!p.retired && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`${t('packers.edit')}: ${p.name}`}
                        onClick={() => setEditing({ id: p.id, name: p.name, badge: p.badge })}
                      >
                        {t('packers.edit')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${p.retired ? t('packers.restore') : t('packers.retire')}: ${p.name}`}
                      onClick={() => void retire(p)}
                    >
                      {p.retired ? t('packers.restore') : t('packers.retire')}
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <form className="row-item" onSubmit={(e) => void add(e)} aria-label={t('packers.add')}>
        <label className="field grow">
          <span>{t('packers.name')}</span>
          <input value={name} maxLength={MAX_PACKER_NAME_CHARS} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('packers.badge')}</span>
          <input
            value={badge}
            maxLength={MAX_BADGE_CODE_CHARS}
            onChange={(e) => setBadge(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="packer-badge-hint"
          />
        </label>
        <button type="submit" className="button" disabled={name.trim() === ''}>
          {t('packers.add')}
        </button>
      </form>
      <p id="packer-badge-hint" className="hint">
        {t('packers.badgeHint')}
      </p>
      {/* A polite region for "saved" (the Settings save bar has the page's status role); a refusal is an alert. */}
      <p className="ok-text" aria-live="polite" data-testid="packers-note">
        {note?.kind === 'ok' ? note.text : ''}
      </p>
      {note?.kind === 'error' && (
        <p className="error" role="alert" data-testid="packers-error">
          {note.text}
        </p>
      )}
    </section>
  );
}
