import { contextAttributes, contextFromEvent } from './kafka-headers';
import {
  bindPrincipal,
  currentTenantContext,
  newTenantContext,
  requireTenantId,
  runWithTenantContext,
} from './tenant-context';

describe('tenant context', () => {
  it('is absent outside a request or message', () => {
    expect(currentTenantContext()).toBeUndefined();
    expect(() => requireTenantId()).toThrow(/No tenant/);
  });

  it('follows async work started inside it, and only that work', async () => {
    const seen: Array<string | undefined> = [];
    await Promise.all(
      ['acme', 'globex'].map((tenantId) =>
        runWithTenantContext(newTenantContext({ tenantId }), async () => {
          await new Promise((resolve) => setTimeout(resolve, tenantId === 'acme' ? 20 : 1));
          seen.push(requireTenantId());
        }),
      ),
    );
    expect(seen).toEqual(['globex', 'acme']);
  });

  it('takes the authenticated principal into the open context', () => {
    runWithTenantContext(newTenantContext({ correlationId: 'c-1' }), () => {
      bindPrincipal({ tenantId: 'acme', actor: 'ana@acme', roles: ['metering:read'] });
      expect(currentTenantContext()).toEqual({
        tenantId: 'acme',
        actor: 'ana@acme',
        roles: ['metering:read'],
        correlationId: 'c-1',
      });
    });
  });

  it('travels through event attributes and back', () => {
    const context = newTenantContext({
      tenantId: 'acme',
      actor: 'svc:gateway',
      correlationId: 'c-9',
    });
    const restored = contextFromEvent({ tenantid: 'acme', ...contextAttributes(context) });
    expect(restored).toEqual({
      tenantId: 'acme',
      actor: 'svc:gateway',
      correlationId: 'c-9',
      roles: [],
    });
  });

  it('starts a new correlation id when an event carries none', () => {
    expect(contextFromEvent({ tenantid: 'acme' }).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
