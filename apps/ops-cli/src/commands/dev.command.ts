import type * as AuthTokens from '@tenantry/auth/tokens';
import type * as Schemas from '@tenantry/schemas';
import { Command, InvalidArgumentError, Option } from 'commander';

/** Where `tenantry dev` keeps its key pair and prints to; tests point both elsewhere. */
export interface DevCommandIo {
  /** Defaults to `<workspace>/.tools/dev-keys`. */
  keyDirectory?: string;
  print(line: string): void;
}

interface TokenOptions {
  tenant: string;
  subject: string;
  roles: string[];
  ttl: number;
  json?: boolean;
}

const terminal: DevCommandIo = { print: (line) => process.stdout.write(`${line}\n`) };
const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `tenantry dev`: internal tokens signed with the workspace dev key, to call a local service directly. */
export function devCommand(io: DevCommandIo = terminal): Command {
  // Loaded before a dev subcommand parses its options or shows its help, which need the roles and
  // the tenant id rule; `tenantry --help` and the other commands never load them.
  let tokens: typeof AuthTokens;
  let schemas: typeof Schemas;
  const rolesOption = new Option('--roles <roles>', 'comma-separated roles')
    .argParser((value) => parseRoles(value, tokens.knownRoles))
    .default([]);
  const dev = new Command('dev')
    .description('local development: internal tokens signed with the workspace dev key')
    .hook('preSubcommand', async () => {
      [tokens, schemas] = await Promise.all([
        import('@tenantry/auth/tokens'),
        import('@tenantry/schemas'),
      ]);
      rolesOption.description = `comma-separated roles, of: ${tokens.knownRoles.join(', ')}`;
    });

  dev
    .command('token')
    .description(
      'print an internal token signed with the dev key (the key pair is created on first use)',
    )
    .requiredOption(
      '--tenant <id>',
      'tenant the token is for (1 to 63 of a-z, 0-9 and -)',
      (value) => parseTenantId(value, schemas.tenantIdSchema),
    )
    .option('--subject <actor>', 'acting user or service', 'dev@local')
    .addOption(rolesOption)
    .addOption(
      new Option('--ttl <duration>', 'lifetime: 90s, 15m, 1h, 1d')
        .argParser(parseDuration)
        .default(3600, '1h'),
    )
    .option('--json', 'print the token with its tenant, subject, roles and expiry as JSON')
    .action(async (options: TokenOptions) => {
      const { privateKey } = tokens.devKeyPair(io.keyDirectory);
      const token = await tokens.mintInternalToken(privateKey, {
        tenantId: options.tenant,
        subject: options.subject,
        roles: options.roles,
        ttlSeconds: options.ttl,
      });
      if (!options.json) return io.print(token);
      const { decodeJwt } = await import('jose');
      const expiresAt = new Date(decodeJwt(token).exp! * 1000).toISOString();
      const { tenant, subject, roles } = options;
      io.print(JSON.stringify({ token, tenant, subject, roles, expiresAt }));
    });

  dev
    .command('keys')
    .description('show where the dev key pair lives, its key id and its public key')
    .option('--json', 'print the paths, the key id and the public key as JSON')
    .action(async (options: { json?: boolean }) => {
      const pair = tokens.devKeyPair(io.keyDirectory);
      const keyId = await tokens.keyIdOf(pair.publicKey);
      const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      if (options.json) {
        const { privateKeyPath, publicKeyPath } = pair;
        return io.print(JSON.stringify({ privateKeyPath, publicKeyPath, keyId, publicKey }));
      }
      io.print(`private key  ${pair.privateKeyPath}`);
      io.print(`public key   ${pair.publicKeyPath}`);
      io.print(`key id       ${keyId}`);
      io.print(publicKey.trimEnd());
    });

  return dev;
}

function parseTenantId(value: string, tenantIdSchema: typeof Schemas.tenantIdSchema): string {
  if (!tenantIdSchema.safeParse(value).success) {
    throw new InvalidArgumentError(
      'A tenant id is 1 to 63 lowercase letters, digits or hyphens, starting with a letter or digit.',
    );
  }
  return value;
}

function parseRoles(value: string, knownRoles: readonly string[]): string[] {
  const roles = value
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !knownRoles.includes(role));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `Unknown role(s) ${unknown.join(', ')}; the roles are ${knownRoles.join(', ')}.`,
    );
  }
  return roles;
}

function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * (durationUnits[match[2] || 's'] ?? 1) : 0;
  if (seconds <= 0)
    throw new InvalidArgumentError('Expected a positive duration such as 90s, 15m, 1h or 1d.');
  return seconds;
}
