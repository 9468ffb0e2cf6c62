import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/**
 * Previous / "from–to of total" / Next under a paged list; shown only when
 * the list has more than one page. `texts` is the i18n section holding the
 * list's own `previous`, `next` and `range` wording.
 */
export function Pager({
  label,
  texts,
  offset,
  pageRows,
  total,
  onOffset,
}: {
  label: string;
  texts: 'orders' | 'catalogue';
  offset: number;
  pageRows: number;
  total: number;
  onOffset(next: number): void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (total <= pageRows) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageRows))}>
        {t(`${texts}.previous`)}
      </button>
      <span>
        {t(`${texts}.range`, {
          from: fmt.number(offset + 1),
          to: fmt.number(Math.min(total, offset + pageRows)),
          total: fmt.number(total),
        })}
      </span>
      <button type="button" className="button" disabled={offset + pageRows >= total} onClick={() => onOffset(offset + pageRows)}>
        {t(`${texts}.next`)}
      </button>
    </nav>
  );
}
