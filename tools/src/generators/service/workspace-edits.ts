import { readJson, updateJson, type Tree } from '@nx/devkit';
import { appendToArray, insertModuleDeclaration } from './source-edits';

/** deploy/services.json: every service of the stack and its port (scripts/stack reads it). */
export const serviceCatalogue = 'deploy/services.json';

interface ServiceEntry {
  name: string;
  port: number;
}

/** Adds the service to deploy/services.json with `port` or the next free one; returns its port. */
export function addToServiceCatalogue(tree: Tree, name: string, port?: number): number {
  const services = readJson<ServiceEntry[]>(tree, serviceCatalogue);
  if (services.some((service) => service.name === name)) {
    throw new Error(`${serviceCatalogue} has a service called ${name} already`);
  }
  const chosen = port ?? Math.max(3000, ...services.map((service) => service.port)) + 1;
  const holder = services.find((service) => service.port === chosen);
  if (holder) throw new Error(`port ${chosen} belongs to ${holder.name} (${serviceCatalogue})`);
  // One service a line, as the file is written by hand.
  const lines = [...services, { name, port: chosen }].map(
    (service) => `  { "name": ${JSON.stringify(service.name)}, "port": ${service.port} }`,
  );
  tree.write(serviceCatalogue, `[\n${lines.join(',\n')}\n]\n`);
  return chosen;
}

/** A contract file of libs/schemas/src/events and the names it exports. */
export interface ContractFile {
  /** e.g. `ledger-item-created` (the file is `events/<it>.event.ts`) */
  file: string;
  contract: string;
  dataType: string;
  topic: TopicEntry;
}

/** The catalogue entry of a contract's topic, as `TopicSpec` fields. */
export interface TopicEntry {
  name: string;
  description: string;
  key: string;
  partitions: number;
  retentionDays: number;
}

/** Exports each contract from @tenantry/schemas and gives its topic an entry in the catalogue. */
export function registerContracts(tree: Tree, contracts: readonly ContractFile[]): void {
  const index = 'libs/schemas/src/index.ts';
  const catalogue = 'libs/schemas/src/topic-catalogue.ts';
  let indexSource = tree.read(index, 'utf8') ?? '';
  let catalogueSource = tree.read(catalogue, 'utf8') ?? '';
  for (const { file, contract, dataType, topic } of contracts) {
    indexSource = insertModuleDeclaration(
      indexSource,
      `export { ${contract}, type ${dataType} } from './events/${file}.event';`,
      `./events/${file}.event`,
    );
    catalogueSource = insertModuleDeclaration(
      catalogueSource,
      `import { ${contract} } from './events/${file}.event';`,
      `./events/${file}.event`,
    );
    catalogueSource = appendToArray(
      catalogueSource,
      'topicCatalogue',
      `{
        name: ${JSON.stringify(topic.name)},
        description: ${JSON.stringify(topic.description)},
        key: ${JSON.stringify(topic.key)},
        partitions: ${topic.partitions},
        retentionMs: ${topic.retentionDays} * day,
        events: [${contract}],
      }`,
    );
  }
  tree.write(index, indexSource);
  tree.write(catalogue, catalogueSource);
}

/** Adds the service's roles to the ones tokens may carry (libs/auth knownRoles). */
export function addKnownRoles(tree: Tree, roles: readonly string[]): void {
  const file = 'libs/auth/src/known-roles.ts';
  let source = tree.read(file, 'utf8') ?? '';
  for (const role of roles) source = appendToArray(source, 'knownRoles', `'${role}'`);
  tree.write(file, source);
}

/**
 * Records new workspace packages in package-lock.json as npm does (a folder entry and a link
 * under node_modules), so `npm ci` (bootstrap, the Dockerfile) installs them as they are.
 */
export function addWorkspacesToLockfile(
  tree: Tree,
  workspaces: ReadonlyArray<{ folder: string; packageName: string }>,
): void {
  updateJson<{ packages: Record<string, unknown> }>(tree, 'package-lock.json', (lock) => {
    const packages: Record<string, unknown> = { ...lock.packages };
    for (const { folder, packageName } of workspaces) {
      packages[folder] = { name: packageName, version: '0.0.0', license: 'UNLICENSED' };
      packages[`node_modules/${packageName}`] = { resolved: folder, link: true };
    }
    // npm's order: the root, then every other key as localeCompare sorts it.
    const keys = Object.keys(packages).sort((a, b) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'),
    );
    return { ...lock, packages: Object.fromEntries(keys.map((key) => [key, packages[key]])) };
  });
}

/** The service's migration job and container in docker-compose.yml, before the closing comment. */
export function addComposeServices(tree: Tree, services: string): void {
  const compose = tree.read('docker-compose.yml', 'utf8') ?? '';
  const closing = compose.indexOf('\n# Each further service adds itself');
  tree.write(
    'docker-compose.yml',
    closing === -1
      ? `${compose.trimEnd()}\n${services}`
      : `${compose.slice(0, closing)}\n${services.trimEnd()}${compose.slice(closing)}`,
  );
}
