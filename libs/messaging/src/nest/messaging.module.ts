import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { InboxConsumer, type EventHandler, type InboxConsumerOptions } from '../inbox-consumer';
import { createKafka } from '../kafka-client';
import type { MessagingSettings } from '../messaging-settings';
import { OutboxRelay } from '../outbox-relay';

/** What `MessagingModule.forRoot` needs: settings and the relay's name. */
export interface MessagingModuleOptions {
  settings: MessagingSettings & { DATABASE_URL: string };
  /** Names the service's outbox relay (its metrics label and leader lock). */
  relayName: string;
  /** Where kafkajs and the relay log; default kafkajs' console logger. */
  logger?: Logger;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Starts the outbox relay with the application and stops it before shutdown. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(kafka: Kafka, @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions) {
    this.relay = new OutboxRelay({
      name: options.relayName,
      kafka,
      databaseUrl: options.settings.DATABASE_URL,
      topicPrefix: options.settings.KAFKA_TOPIC_PREFIX,
      ...(options.logger ? { log: relayLog(options.logger) } : {}),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

function relayLog(logger: Logger): (message: string, error?: unknown) => void {
  return (message, error) => logger.warn({ err: error }, message);
}

/** A consumer's wiring: the Kafka/PostgreSQL parts come from the module. */
export type ConsumerRegistration<T = unknown> = Omit<
  InboxConsumerOptions<T>,
  'kafka' | 'dataSource' | 'handler' | 'topicPrefix'
> & {
  handler: Type<EventHandler<T>>;
};

/** Kafka client, transactional outbox relay and inbox consumers as Nest providers. */
@Module({})
export class MessagingModule {
  /** Once per application: the Kafka client and the outbox relay. Needs TypeORM's DataSource. */
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: Kafka,
          useFactory: () =>
            createKafka({
              brokers: options.settings.KAFKA_BROKERS,
              clientId: options.settings.KAFKA_CLIENT_ID,
              ...(options.logger ? { logger: options.logger } : {}),
            }),
        },
        OutboxRelayLifecycle,
      ],
      exports: [Kafka, MESSAGING_OPTIONS],
    };
  }

  /** One inbox consumer, started with the application and stopped before shutdown. */
  static forConsumer<T>(registration: ConsumerRegistration<T>): DynamicModule {
    const token = Symbol(`InboxConsumer:${registration.name}`);
    return {
      module: MessagingModule,
      providers: [
        registration.handler,
        {
          provide: token,
          inject: [Kafka, DataSource, MESSAGING_OPTIONS, registration.handler],
          useFactory: (
            kafka: Kafka,
            dataSource: DataSource,
            options: MessagingModuleOptions,
            handler: EventHandler<T>,
          ) =>
            new InboxConsumerLifecycle(
              new InboxConsumer<T>({
                ...registration,
                kafka,
                dataSource,
                handler,
                topicPrefix: options.settings.KAFKA_TOPIC_PREFIX,
              }),
            ),
        },
      ],
    };
  }
}

class InboxConsumerLifecycle<T> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly consumer: InboxConsumer<T>) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}
