import { newTenantContext, type TenantContext } from './tenant-context';

/** The CloudEvents attributes that carry a tenant context across Kafka. */
export interface ContextAttributes {
  tenantid: string;
  actor?: string;
  correlationid?: string;
}

/** The context a consumer runs a message's work in: its tenant, actor and correlation id. */
export function contextFromEvent(event: ContextAttributes): TenantContext {
  return newTenantContext({
    tenantId: event.tenantid,
    ...(event.actor ? { actor: event.actor } : {}),
    ...(event.correlationid ? { correlationId: event.correlationid } : {}),
  });
}

/** Context attributes for an event produced inside `context` (the event's own tenant wins). */
export function contextAttributes(
  context: TenantContext | undefined,
): Omit<ContextAttributes, 'tenantid'> {
  if (!context) return {};
  return {
    correlationid: context.correlationId,
    ...(context.actor ? { actor: context.actor } : {}),
  };
}
