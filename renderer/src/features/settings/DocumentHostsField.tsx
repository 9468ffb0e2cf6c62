import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentHostSchema, MAX_PRIVATE_DOCUMENT_HOSTS } from '../../../../shared/domain/settings';
import { fieldId } from '../create-label/fields';

/**
 * The label servers on the warehouse network that label documents may come
 * from (`privateDocumentHosts`): any other document host must be public, so a
 * label URL cannot make the station reach the LAN. Each entry is checked by
 * the same rule the station applies (a host name or IP address, optionally
 * with :port) as it is added; the list is saved with the other settings.
 */
/** Examples in the messages: host names and addresses read the same in every language. */
const EXAMPLE_NAME = 'labels.warehouse.lan';
const EXAMPLES = 'labels.warehouse.lan:8080, 10.0.4.20';

export function DocumentHostsField({
  hosts,
  onChange,
  savedErrors,
}: {
  hosts: readonly string[];
  onChange(next: string[]): void;
  /** What the station refused on save, by index (already in the packer's language). */
  savedErrors: readonly string[];
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const hintId = useId();
  const errorId = useId();
  const inputId = fieldId('privateDocumentHosts');

  const add = () => {
    const checked = DocumentHostSchema.safeParse(typed);
    if (!checked.success)
      return setProblem(
        typed.trim() === ''
          ? t('settings.documentHosts.empty', { name: EXAMPLE_NAME })
          : t('settings.documentHosts.invalid', { example: EXAMPLES }),
      );
    const host = checked.data;
    if (hosts.includes(host)) return setProblem(t('settings.documentHosts.duplicate', { host }));
    if (hosts.length >= MAX_PRIVATE_DOCUMENT_HOSTS) return setProblem(t('settings.documentHosts.tooMany', { max: MAX_PRIVATE_DOCUMENT_HOSTS }));
    onChange([...hosts, host]);
    setTyped('');
    setProblem(null);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the host; it never saves the whole settings form around it.
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add();
    }
  };

  const errors = [problem, ...savedErrors].filter((m): m is string => m !== null);
  return (
    <fieldset className="box" data-testid="document-hosts">
      <legend>{t('settings.documentHosts.legend')}</legend>
      <p className="hint" id={hintId}>
        {t('settings.documentHosts.hint')}
      </p>
      {hosts.length === 0 ? (
        <p className="hint">{t('settings.documentHosts.none')}</p>
      ) : (
        <ul className="host-list" aria-label={t('settings.documentHosts.legend')}>
          {hosts.map((host) => (
            <li key={host} className="row-item">
              <code>{host}</code>
              <button
                type="button"
                className="button"
                aria-label={t('settings.documentHosts.remove', { host })}
                onClick={() => onChange(hosts.filter((h) => h !== host))}
              >
                {t('settings.documentHosts.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row-item">
        <label className="field grow">
          <span>{t('settings.documentHosts.label')}</span>
          <input
            id={inputId}
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setProblem(null);
            }}
            onKeyDown={onKey}
            placeholder="labels.warehouse.lan:8080"
            // Host names are written the same in every language: read as English on a Chinese screen.
            lang="en"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={errors.length ? `${errorId} ${hintId}` : hintId}
            aria-invalid={errors.length > 0 || undefined}
          />
        </label>
        <button type="button" className="button" onClick={add}>
          {t('settings.documentHosts.add')}
        </button>
      </div>
      {errors.length > 0 && (
        <span className="field-error" id={errorId}>
          {errors.join(' ')}
        </span>
      )}
    </fieldset>
  );
}
