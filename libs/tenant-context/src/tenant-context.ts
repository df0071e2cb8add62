import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Who is acting, for which tenant, within which chain of work. */
export interface TenantContext {
  /** Unset until the request is authenticated (or the message's tenant is known). */
  tenantId?: string;
  /** The user, API key or service the work is done for. */
  actor?: string;
  roles: readonly string[];
  /** Ties the logs of one request and every event it causes together. */
  correlationId: string;
}

const storage = new AsyncLocalStorage<TenantContext>();

/** Runs `work` with `context` as the current tenant context. */
export function runWithTenantContext<T>(context: TenantContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current context, or undefined outside a request or message. */
export function currentTenantContext(): TenantContext | undefined {
  return storage.getStore();
}

/** The current tenant id; throws when there is none (a programming error, not bad input). */
export function requireTenantId(): string {
  const tenantId = storage.getStore()?.tenantId;
  if (!tenantId) throw new Error('No tenant in context: the work is not bound to a tenant');
  return tenantId;
}

/** Records the authenticated caller in the current context (the auth guard calls this). */
export function bindPrincipal(principal: {
  tenantId: string;
  actor: string;
  roles: readonly string[];
}): void {
  const context = storage.getStore();
  if (!context) throw new Error('bindPrincipal called outside a tenant context');
  context.tenantId = principal.tenantId;
  context.actor = principal.actor;
  context.roles = principal.roles;
}

/** A context for work that starts here (a request without correlation id, a timer). */
export function newTenantContext(fields: Partial<TenantContext> = {}): TenantContext {
  return { roles: [], correlationId: randomUUID(), ...fields };
}
