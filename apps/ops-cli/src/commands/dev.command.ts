import { devKeyPair, keyIdOf, knownRoles, mintInternalToken } from '@tenantry/auth/tokens';
import { tenantIdSchema } from '@tenantry/schemas';
import { Command, InvalidArgumentError, Option } from 'commander';

/** Where `tenantry dev` keeps its key pair and prints to; tests point both elsewhere. */
export interface DevCommandIo {
  /** Defaults to `<workspace>/.tools/dev-keys`. */
  keyDirectory?: string;
  print(line: string): void;
}

const terminal: DevCommandIo = { print: (line) => process.stdout.write(`${line}\n`) };
const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `tenantry dev`: internal tokens signed with the workspace dev key, to call a local service directly. */
export function devCommand(io: DevCommandIo = terminal): Command {
  const dev = new Command('dev').description(
    'local development: internal tokens signed with the workspace dev key',
  );

  dev
    .command('token')
    .description(
      'print an internal token signed with the dev key (the key pair is created on first use)',
    )
    .requiredOption(
      '--tenant <id>',
      'tenant the token is for (1 to 63 of a-z, 0-9 and -)',
      parseTenantId,
    )
    .option('--subject <actor>', 'acting user or service', 'dev@local')
    .option(
      '--roles <roles>',
      `comma-separated roles, of: ${knownRoles.join(', ')}`,
      parseRoles,
      [],
    )
    .addOption(
      new Option('--ttl <duration>', 'lifetime: 90s, 15m, 1h, 1d')
        .argParser(parseDuration)
        .default(3600, '1h'),
    )
    .action(async (options: { tenant: string; subject: string; roles: string[]; ttl: number }) => {
      const { privateKey } = devKeyPair(io.keyDirectory);
      io.print(
        await mintInternalToken(privateKey, {
          tenantId: options.tenant,
          subject: options.subject,
          roles: options.roles,
          ttlSeconds: options.ttl,
        }),
      );
    });

  dev
    .command('keys')
    .description('show where the dev key pair lives, its key id and its public key')
    .action(async () => {
      const pair = devKeyPair(io.keyDirectory);
      io.print(`private key  ${pair.privateKeyPath}`);
      io.print(`public key   ${pair.publicKeyPath}`);
      io.print(`key id       ${await keyIdOf(pair.publicKey)}`);
      io.print(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString().trimEnd());
    });

  return dev;
}

function parseTenantId(value: string): string {
  if (!tenantIdSchema.safeParse(value).success) {
    throw new InvalidArgumentError(
      'A tenant id is 1 to 63 lowercase letters, digits or hyphens, starting with a letter or digit.',
    );
  }
  return value;
}

function parseRoles(value: string): string[] {
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
