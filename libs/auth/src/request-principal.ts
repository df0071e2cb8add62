import type { Principal } from './principal';

// Kept beside the request rather than on it: nothing else can set or spoof it.
const principals = new WeakMap<object, Principal>();

/** Remembers the authenticated principal of a request (the guard calls this). */
export function attachPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The authenticated principal of a request, if the guard authenticated it. */
export function principalOf(request: object): Principal | undefined {
  return principals.get(request);
}
