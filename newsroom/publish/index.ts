/**
 * The publishing stage's library API, shared by the feed command and the newsroom console: publish an
 * issue as recognised (with its photos' bytes), take one down, recover a folder after a crash.
 */
export { PublishError, planPublish, publishIssue, readIndex, recoverFolder, removeIssue } from './publish'
export type { PageImageInput, PublishInput, PublishOptions, PublishPlan, PublishResult, RemoveResult } from './publish'
export { photoKey } from './photo-names'
export { hasPendingPublish } from './commit'
export { LockBusyError } from './lock'
