import { useTranslation } from 'react-i18next';
import type { Provider } from '../../../../shared/domain/shipment';

/**
 * Marks a list row tracked from another provider. The station's own Flex
 * Forward labels carry no badge: in a list of 800 labels a shift, only the
 * exceptions to the rule should catch the eye.
 */
export function ProviderBadge({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  if (provider === 'flexforward') return null;
  return <span className={`provider-badge provider-${provider}`}>{t(`providers.${provider}`)}</span>;
}
