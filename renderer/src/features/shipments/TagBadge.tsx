import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/domain/tags';

/** One colour per tag (app.css `.tag-<Tag>`), and always the word too: colour alone is not enough. */
export function TagBadge({ tag }: { tag: Tag }) {
  const { t } = useTranslation();
  return (
    <span className={`tag-badge tag-${tag}`} data-tag={tag}>
      {t(`tags.${tag}`)}
    </span>
  );
}
