import { bootstrapService } from '@tenantry/service-kit/bootstrap';

// The service loads after tracing has started (see bootstrapService).
bootstrapService({
  name: 'metering',
  load: async () => (await import('#metering-service')).meteringService,
});
