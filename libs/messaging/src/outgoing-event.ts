import {
  createCloudEvent,
  parseEvent,
  type CloudEvent,
  type EventContract,
  type NewCloudEvent,
} from '@tenantry/schemas';

declare const builtFromContract: unique symbol;

/**
 * An event for the outbox, built by {@link outgoing} from its contract: its topic is the
 * contract's and its data the contract's data type, checked against the contract's schema.
 */
export interface OutgoingEvent {
  /** Catalogue topic name (the relay adds the deployment's prefix). */
  readonly topic: string;
  readonly event: CloudEvent;
  /** Message key; default the tenant id. */
  readonly key?: string;
  readonly [builtFromContract]: true;
}

/** The envelope of an outgoing event: everything but its data, which the contract types. */
export type OutgoingAttributes = Omit<NewCloudEvent<unknown>, 'data' | 'type'> & {
  /** Default the contract's type; give one where the contract lets producers choose (`typePattern`). */
  type?: string;
  /** Message key; default the tenant id. */
  key?: string;
};

/**
 * Builds an event of `contract` for `enqueueEvents`. `data` must have the contract's data
 * type; it is also checked against the contract's schema, so a producer bug throws
 * SchemaViolationError here instead of dead-lettering the event at every consumer.
 */
export function outgoing<T>(
  contract: EventContract<T>,
  data: NoInfer<T>,
  { key, type = contract.type, ...attributes }: OutgoingAttributes,
  clock?: () => Date,
): OutgoingEvent {
  const event = createCloudEvent({ ...attributes, type, data }, clock);
  parseEvent(contract, event);
  return { topic: contract.topic, event, ...(key === undefined ? {} : { key }) } as OutgoingEvent;
}
