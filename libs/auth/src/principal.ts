/** The authenticated caller of a request, as the gateway vouched for it in the internal token. */
export interface Principal {
  tenantId: string;
  /** The user, API key or service acting (the token's `sub`). */
  actor: string;
  roles: readonly string[];
  /** The token's `jti`, for audit records. */
  tokenId: string;
  expiresAt: Date;
}
