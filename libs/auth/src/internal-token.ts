/** The fixed parts of an internal token: who issues it, for whom, signed how. */
export const internalToken = {
  issuer: 'tenantry-gateway',
  audience: 'tenantry-services',
  algorithm: 'EdDSA',
} as const;
