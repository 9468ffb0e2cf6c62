/** The Flex Forward client's public surface: import from here. */
export { FlexForwardClient, type FlexForwardApi, type FlexForwardClientOptions, type CallOptions } from './flexforward-client';
export {
  SlidingWindowLimiter,
  AccountLimiters,
  API_MAX_REQUESTS_PER_WINDOW,
  API_RATE_WINDOW_MS,
  type RequestLimiter,
  type ReleaseSlot,
} from './rate-limiter';
export * from './errors';
export type {
  Checkpoint,
  Courier,
  CreateLabelOutcome,
  DocumentFormat,
  Label,
  LabelBatch,
  LabelDocument,
  LabelDocumentRef,
  Priority,
  Product,
  Tracking,
} from './flexforward-types';
