// The framework-free part of the lib (`@tenantry/auth/tokens`): the gateway and the CLI mint and
// verify tokens with it without loading Nest.
export { AuthenticationError, type AuthenticationFailure } from './authentication-error';
export { authSettings, trustedPublicKeys, type AuthSettings } from './auth-settings';
export { defaultDevKeyDirectory, devKeyPair, type DevKeyPair } from './dev-key-pair';
export { InsufficientRoleError } from './insufficient-role-error';
export { internalToken } from './internal-token';
export {
  InternalTokenVerifier,
  type InternalTokenVerifierOptions,
} from './internal-token-verifier';
export { keyIdOf, parsePublicKeys, type Ed25519KeyInput } from './key-material';
export { knownRoles } from './known-roles';
export { mintInternalToken, type InternalTokenRequest } from './mint-internal-token';
export type { Principal } from './principal';
