import { useTranslation } from 'react-i18next';
import type { Provider } from '../../../../shared/domain/shipment';

/**
 * Marks a list row tracked from another provider. The station's own Flex
 * Forward labels carry no badge: in a list of 800 labels a shift, only the
 * exceptions to the rule should catch the eye.
 */
export function ProviderBadge({ provider, compact = false }: { provider: Provider; compact?: boolean }) {
  const { t } = useTranslation();
  if (provider === 'flexforward') return null;
  const name = t(`providers.${provider}`);
  // In a list row the badge is its initials, so the tracking number beside it is never cut; the name is still read out.
  if (compact)
    return (
      <span className={`provider-badge provider-${provider}`} title={name}>
        <span aria-hidden="true">{PROVIDER_INITIALS[provider]}</span>
        <span className="visually-hidden">{name}</span>
      </span>
    );
  return <span className={`provider-badge provider-${provider}`}>{name}</span>;
}

const PROVIDER_INITIALS: Readonly<Record<Exclude<Provider, 'flexforward'>, string>> = { flashamericas: 'FA' };
