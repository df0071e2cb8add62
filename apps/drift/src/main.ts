import { bootstrapService } from '@tenantry/service-kit/bootstrap';

// The service loads after tracing has started (see bootstrapService).
bootstrapService({
  name: 'drift',
  load: async () => (await import('#drift-service')).driftService,
});
