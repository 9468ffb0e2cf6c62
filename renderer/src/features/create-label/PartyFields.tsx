import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n';
import { COUNTRIES } from '../../../../shared/domain/countries';
import { partyPath, type PartyDraft, type PartyKey } from './form-model';
import { SelectField, TextField } from './fields';

export function PartyFields({
  party,
  value,
  onChange,
  autoFocusFirst,
}: {
  party: PartyKey;
  value: PartyDraft;
  onChange(key: keyof PartyDraft, v: string): void;
  autoFocusFirst?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  // Country names in the packer's language; the code leads so a scanner-quick "US" type-ahead still works.
  const countryName = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return (code: string, fallback: string) => names.of(code) ?? fallback;
  }, [locale]);
  const text = (key: keyof PartyDraft, label: string, extra: Record<string, unknown> = {}) => (
    <TextField path={partyPath(party, key)} label={label} value={value[key]} onValue={(v) => onChange(key, v)} {...extra} />
  );
  return (
    <div className="party-grid">
      {text('firstName', t('create.firstName'), { autoFocus: autoFocusFirst })}
      {text('lastName', t('create.lastName'))}
      {text('phone', t('create.phone'), { type: 'tel', inputMode: 'tel' })}
      {text('email', t('create.email'), { type: 'email' })}
      {text('street1', t('create.street1'), { className: 'span-2' })}
      {text('street2', t('create.street2'), { className: 'span-2' })}
      {text('city', t('create.city'))}
      {text('state', t('create.state'))}
      {text('postalCode', t('create.postalCode'))}
      <SelectField
        path={partyPath(party, 'countryCode')}
        label={t('create.countryCode')}
        value={value.countryCode}
        onValue={(v) => onChange('countryCode', v)}
      >
        <option value="">—</option>
        {COUNTRIES.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} · {countryName(c.code, c.name)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
