import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { TAGS, type Tag } from '../../../../shared/domain/tags';
import { useFormat } from '../../lib/format';
import type { TagCounts } from './use-tag-counts';

/** A bar per tag, its length relative to the largest; pressing a bar filters the list to that tag. */
export const TagCountsChart = memo(function TagCountsChart({
  counts,
  selected,
  onSelect,
}: {
  counts: TagCounts;
  selected: Tag | undefined;
  onSelect(tag: Tag | undefined): void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const max = Math.max(1, ...TAGS.map((tag) => counts[tag]));
  return (
    <section className="tag-counts" aria-labelledby="tag-counts-title">
      <h3 id="tag-counts-title" className="visually-hidden">
        {t('shipments.countsTitle')}
      </h3>
      <ul>
        {TAGS.map((tag) => (
          <li key={tag}>
            <button
              type="button"
              className="tag-count"
              aria-pressed={selected === tag}
              onClick={() => onSelect(selected === tag ? undefined : tag)}
              data-testid={`count-${tag}`}
            >
              <span className="tag-count-label">{t(`tags.${tag}`)}</span>
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
