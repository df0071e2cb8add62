import type { DynamicModule } from '@nestjs/common';
import type { serviceSettings } from '@tenantry/config';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { BodyParsers } from './body-parsers';

/** What makes a service itself; `bootstrapService` does the rest. */
export interface ServiceDefinition<Settings extends z.output<typeof serviceSettings>> {
  /** Everything the service reads from its environment (extends serviceInfrastructureSettings). */
  settings: z.ZodType<Settings>;
  /** The root module: ServiceInfrastructureModule, the feature modules, the consumers. */
  rootModule(config: Settings, logger: Logger): DynamicModule;
  bodyParsers: BodyParsers;
}
