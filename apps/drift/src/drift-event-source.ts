/** The CloudEvents `source` of every event the drift service produces. */
export const driftEventSource = '/tenantry/drift';
