/** Header on a republished (replayed or redriven) message: where it came from, as `topic/partition/offset`. */
export const replayHeader = 'tenantry-replayed-from';
