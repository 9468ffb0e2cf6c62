import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../../../shared/domain/order-desk';

/** An order's status in words, coloured by what it asks of the packer (the word carries the meaning, not the colour). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`order-status order-status-${status}`} data-testid="order-status" data-status={status}>
      {t(`orderDesk.statuses.${status}`)}
    </span>
  );
}
