import { useTranslation } from 'react-i18next';
import type { ShipmentDetail } from '../../../../shared/domain/shipment-detail';
import { CourierText } from '../../lib/courier-text';
import { useFormat } from '../../lib/format';
import { TagBadge } from '../shipments/TagBadge';

/** Checkpoints newest first; the station's own time with UTC on hover; courier words are text, never markup. */
export function Timeline({ checkpoints }: { checkpoints: ShipmentDetail['checkpoints'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (checkpoints.length === 0) return <p className="empty">{t('detail.timelineEmpty')}</p>;
  const newestFirst = [...checkpoints].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return (
    <ol className="timeline" data-testid="timeline">
      {newestFirst.map((c, i) => (
        <li key={`${c.time}-${i}`} className="checkpoint" data-testid="checkpoint">
          <time dateTime={c.time} title={t('detail.utc', { time: fmt.utc(c.time) })} className="checkpoint-time">
            {fmt.dateTime(c.time)}
          </time>
          <TagBadge tag={c.tag} />
          <CourierText className="checkpoint-message" text={c.message} />
          {c.location && <CourierText className="checkpoint-location" text={c.location} />}
        </li>
      ))}
    </ol>
  );
}
