import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { TAGS, type Tag } from '../../../../shared/domain/tags';
import { useFormat } from '../../lib/format';
import type { TagCounts } from './use-tag-counts';
import { STANDING_FILTERS, type ListFilter } from './use-shipment-rows';

/** A bar per tag, its length relative to the largest; pressing a bar filters the list to that tag. */
export const TagCountsChart = memo(function TagCountsChart({
  counts,
  selected,
  onSelect,
}: {
  counts: TagCounts;
  selected: ListFilter | undefined;
  onSelect(filter: ListFilter | undefined): void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // "Needs action" leads: those are the packer's to do; voided ones come last, apart from the active counts.
  const chips: readonly ListFilter[] = ['needs_action', ...TAGS, 'voided'];
  const max = Math.max(1, ...chips.map((chip) => counts[chip]));
  const label = (chip: ListFilter) =>
    (STANDING_FILTERS as readonly string[]).includes(chip)
      ? t(`labelCare.standing.${chip as 'needs_action' | 'voided'}`)
      : t(`tags.${chip as Tag}`);
  return (
    <section className="tag-counts" aria-labelledby="tag-counts-title">
      <h3 id="tag-counts-title" className="visually-hidden">
        {t('shipments.countsTitle')}
      </h3>
      <ul>
        {chips.map((tag) => (
          <li key={tag}>
            <button
              type="button"
              className="tag-count"
              aria-pressed={selected === tag}
              onClick={() => onSelect(selected === tag ? undefined : tag)}
              data-testid={`count-${tag}`}
            >
              <span className="tag-count-label">{label(tag)}</span>
              <span className="tag-count-bar" aria-hidden="true">
                <span className={`tag-count-fill tag-${tag}`} style={{ width: `${(counts[tag] / max) * 100}%` }} />
              </span>
              <span className="tag-count-value">{fmt.number(counts[tag])}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
