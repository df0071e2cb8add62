/** The CloudEvents `source` of every event the metering service produces. */
export const meteringEventSource = '/tenantry/metering';
