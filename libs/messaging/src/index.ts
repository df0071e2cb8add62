export { ConsumerLagMonitor, fetchConsumerLag, type PartitionLag } from './consumer-lag';
export { publishDeadLetter, type DeadLetterReason, type MessageOrigin } from './dead-letter';
export {
  InboxConsumer,
  type ConsumedEvent,
  type EventHandler,
  type EventParser,
  type HandlerOutcome,
  type InboxConsumerOptions,
} from './inbox-consumer';
export { pruneInbox } from './inbox-pruning';
export { InboxRetention1766000000000 } from './inbox-retention-migration';
export { createKafka, idempotentProducer } from './kafka-client';
export { CreateMessagingTables1764000000000 } from './messaging-migration';
export { BindOutboxToTenants1766000000002 } from './outbox-tenant-binding-migration';
export {
  consumerGroupSession,
  messagingSettings,
  type GroupSession,
  type MessagingSettings,
} from './messaging-settings';
export {
  MessagingModule,
  type ConsumerRegistration,
  type MessagingModuleOptions,
} from './nest/messaging.module';
export { enqueueEvents, outboxChannel } from './outbox';
export { outgoing, type OutgoingAttributes, type OutgoingEvent } from './outgoing-event';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { PoisonEventError } from './poison-event-error';
export {
  backoffDelay,
  defaultRetryPolicy,
  RetriesExhaustedError,
  retryWithBackoff,
  type RetryPolicy,
} from './retry';
export { ensureTopics, type ProvisionedTopic } from './topic-provisioning';
export { isTransientError } from './transient-error';
