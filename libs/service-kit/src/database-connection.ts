import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { isTransientError, retryWithBackoff, type RetryPolicy } from '@tenantry/messaging';
import { DataSource } from 'typeorm';

// About half a minute of attempts, as TypeORM's own retries would give, then the process fails.
const connectPolicy: RetryPolicy = { attempts: 15, initialDelayMs: 500, maxDelayMs: 5_000 };

/**
 * Connects the service's DataSource (TypeORM's is created unconnected) while the application
 * initializes, not while Nest creates it: the HTTP server listens meanwhile, so `/health/live`
 * answers and `/health/ready` reports PostgreSQL down until the connection is made.
 */
@Injectable()
export class DatabaseConnection implements OnModuleInit {
  private readonly logger = new Logger(DatabaseConnection.name);

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await retryWithBackoff(
      async (attempt) => {
        try {
          await this.dataSource.initialize();
        } catch (error) {
          this.logger.warn(`PostgreSQL connection attempt ${attempt} failed: ${String(error)}`);
          throw error;
        }
      },
      connectPolicy,
      isTransientError,
    );
  }
}
