import type { Language } from '../../../shared/domain/settings';
import type { Handlers } from '../invoke';
import { renderBadgeSheet } from '../documents/badge-sheet';
import type { PackerDesk } from '../packers/packer-desk';

export interface PackersHandlerDeps {
  desk: PackerDesk;
  language: () => Language;
}

type PackerChannels = 'packers:list' | 'packers:save' | 'packers:retire' | 'packers:setOnDuty' | 'packers:badgeSheet';

export function packersHandlers({ desk, language }: PackersHandlerDeps): Pick<Handlers, PackerChannels> {
  return {
    'packers:list': () => desk.view(),
    'packers:save': ({ packer }) => desk.save(packer),
    'packers:retire': ({ id, retired }) => desk.setRetired(id, retired),
    'packers:setOnDuty': ({ id }) => desk.setOnDuty(id, 'list'),
    'packers:badgeSheet': async ({ paper, ids }) => {
      const bytes = await renderBadgeSheet(await desk.forSheet(ids), { language: language(), paper });
      return { fileName: `packer-badges-${paper}.pdf`, base64: Buffer.from(bytes).toString('base64') };
    },
  };
}
