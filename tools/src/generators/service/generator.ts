import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatFiles, generateFiles, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import { exportedMigrations } from './source-edits';
import {
  addComposeServices,
  addKnownRoles,
  addToServiceCatalogue,
  addWorkspacesToLockfile,
  registerContracts,
} from './workspace-edits';

export interface ServiceGeneratorOptions {
  /** kebab-case: apps/<name>, libs/<name>-core, topics <name>.* */
  name: string;
  /** HTTP port on the local stack; default the next after deploy/services.json. */
  port?: number;
}

const namePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * `nx g @tenantry/tools:service <name>`: a service on the service kit (app, core library, two
 * event contracts in the catalogue, tests) and its entries in the stack and the deployment.
 */
export default async function serviceGenerator(
  tree: Tree,
  options: ServiceGeneratorOptions,
): Promise<GeneratorCallback> {
  const { name } = options;
  if (!namePattern.test(name)) throw new Error(`a service name is kebab-case, got "${name}"`);
  for (const folder of [`apps/${name}`, `libs/${name}-core`]) {
    if (tree.exists(folder)) throw new Error(`${folder} exists`);
  }
  const port = addToServiceCatalogue(tree, name, options.port);
  addKnownRoles(tree, [`${name}:read`, `${name}:write`]);
  const { className, propertyName } = names(name);
  const schema = name.replaceAll('-', '_');
  // A service's database holds messaging's tables too: all of its migrations, then the service's.
  const messagingMigrations = exportedMigrations(
    tree.read('libs/messaging/src/index.ts', 'utf8') ?? '',
  );
  generateFiles(tree, join(__dirname, 'files'), '.', {
    name,
    className,
    propertyName,
    schema,
    port,
    messagingMigrations,
    migrationTimestamp: Date.now(),
    tmpl: '',
  });
  registerContracts(tree, [
    {
      file: `${name}-item-submitted`,
      contract: `${propertyName}ItemSubmitted`,
      dataType: `${className}ItemSubmittedData`,
      topic: {
        name: `${name}.item-submissions.v1`,
        description: `Items for the ${name} service to create, from clients and other services.`,
        key: 'tenant id',
        partitions: 3,
        retentionDays: 7,
      },
    },
    {
      file: `${name}-item-created`,
      contract: `${propertyName}ItemCreated`,
      dataType: `${className}ItemCreatedData`,
      topic: {
        name: `${name}.items.v1`,
        description: `Items the ${name} service stored, each announced once.`,
        key: 'tenant id',
        partitions: 3,
        retentionDays: 30,
      },
    },
  ]);
  addComposeServices(tree, composeServices(name, schema, port));
  const workspaces = [
    { folder: `apps/${name}`, packageName: `@tenantry/${name}-app` },
    { folder: `libs/${name}-core`, packageName: `@tenantry/${name}-core` },
  ];
  addWorkspacesToLockfile(tree, workspaces);
  await formatFiles(tree);

  return () => {
    // What `npm install` would do for the new workspaces, without the network.
    for (const { folder, packageName } of workspaces) {
      const link = join(tree.root, 'node_modules', packageName);
      if (existsSync(link)) continue;
      mkdirSync(join(link, '..'), { recursive: true });
      symlinkSync(relative(join(link, '..'), join(tree.root, folder)), link);
    }
    // docs/asyncapi.yaml and libs/schemas/json-schema follow the catalogue (a test checks them).
    execFileSync(
      process.execPath,
      ['--conditions=tenantry-dev', '-r', '@swc-node/register', 'libs/schemas/src/generate.ts'],
      {
        cwd: tree.root,
        env: { ...process.env, SWCRC: 'true', TS_NODE_PROJECT: join(tree.root, 'tsconfig.json') },
        stdio: 'ignore',
      },
    );
  };
}

function composeServices(name: string, schema: string, port: number): string {
  const databaseUrl = `postgres://tenantry_app:tenantry_app@postgres:5432/tenantry_${schema}`;
  return `
  ${name}-migrate:
    build: { context: ., args: { APP: ${name} } }
    image: tenantry/${name}
    command: ['node', 'apps/${name}/dist/migrate.js']
    environment:
      DATABASE_URL: ${databaseUrl}
      MIGRATION_DATABASE_URL: postgres://postgres:postgres@postgres:5432/tenantry_${schema}
    depends_on:
      postgres: { condition: service_healthy }

  ${name}:
    image: tenantry/${name}
    environment:
      NODE_ENV: production
      PORT: '${port}'
      DATABASE_URL: ${databaseUrl}
      KAFKA_BROKERS: kafka:9092
      AUTH_PUBLIC_KEYS: \${AUTH_PUBLIC_KEYS:?the gateway public key (JWK or PEM)}
    ports: ['${port}:${port}']
    depends_on:
      ${name}-migrate: { condition: service_completed_successfully }
      topics: { condition: service_completed_successfully }
    healthcheck:
      test:
        [
          'CMD',
          'node',
          '-e',
          "fetch('http://127.0.0.1:${port}/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
        ]
      interval: 5s
      retries: 20
`;
}
