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
import { ConsumerLagMonitor } from '../consumer-lag';
import { createKafka } from '../kafka-client';
import { consumerGroupSession, type MessagingSettings } from '../messaging-settings';
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
      ...(options.logger ? { log: warnLog(options.logger) } : {}),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

/** Reports `kafka_consumer_lag_messages` of the application's consumers from the broker. */
@Injectable()
class ConsumerLagLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly monitor: ConsumerLagMonitor;

  constructor(kafka: Kafka, @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions) {
    this.monitor = new ConsumerLagMonitor(
      kafka,
      options.logger ? warnLog(options.logger) : undefined,
    );
  }

  onApplicationBootstrap(): void {
    this.monitor.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.monitor.stop();
  }
}

function warnLog(logger: Logger): (message: string, error?: unknown) => void {
  return (message, error) => logger.warn({ err: error }, message);
}

/** A consumer's wiring: the Kafka/PostgreSQL parts come from the module. */
export type ConsumerRegistration<T = unknown> = Omit<
  InboxConsumerOptions<T>,
  'kafka' | 'dataSource' | 'handler' | 'topicPrefix' | 'groupSession'
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
        ConsumerLagLifecycle,
      ],
      exports: [Kafka, MESSAGING_OPTIONS, ConsumerLagLifecycle],
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
          inject: [
            Kafka,
            DataSource,
            MESSAGING_OPTIONS,
            ConsumerLagLifecycle,
            registration.handler,
          ],
          useFactory: (
            kafka: Kafka,
            dataSource: DataSource,
            options: MessagingModuleOptions,
            lag: ConsumerLagLifecycle,
            handler: EventHandler<T>,
          ) => {
            const prefix = options.settings.KAFKA_TOPIC_PREFIX;
            const consumer = new InboxConsumer<T>({
              ...registration,
              kafka,
              dataSource,
              handler,
              topicPrefix: prefix,
              groupSession: consumerGroupSession(options.settings),
            });
            lag.monitor.watch(
              consumer.groupId,
              registration.topics.map((topic) => `${prefix}${topic}`),
            );
            return new InboxConsumerLifecycle(consumer);
          },
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
