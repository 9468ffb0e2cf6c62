import { z } from 'zod';

/**
 * The Flex Forward tag model (reference §6.3). The API may add tags without
 * notice, so anything unrecognised is read as `Unknown` (see `toTag`).
 */
export const TAGS = ['Pending', 'InfoReceived', 'InTransit', 'Exception', 'Delivered', 'Cancelled', 'Unknown'] as const;
export const TagSchema = z.enum(TAGS);
export type Tag = z.infer<typeof TagSchema>;

export interface TagInfo {
  /** Polling stops at a terminal tag. */
  terminal: boolean;
  /** Whether reaching this tag raises a packer-facing notification (seed guide's table). */
  notifies: boolean;
}

export const TAG_CATALOGUE: Readonly<Record<Tag, TagInfo>> = {
  Pending: { terminal: false, notifies: false },
  InfoReceived: { terminal: false, notifies: true },
  InTransit: { terminal: false, notifies: true },
  Exception: { terminal: false, notifies: true },
  Delivered: { terminal: true, notifies: true },
  Cancelled: { terminal: true, notifies: false },
  Unknown: { terminal: false, notifies: false },
};

export function toTag(raw: unknown): Tag {
  const parsed = TagSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'Unknown';
}
