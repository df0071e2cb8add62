import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

const workspaceRoot = path.resolve(__dirname, '../../..');

export interface LocalKafkaOptions {
  /** Client port; a free one when omitted. */
  port?: number;
  /** Where the jars are; default `.tools/kafka/libs` (scripts/bootstrap resolves them). */
  libsDir?: string;
  /** How long to wait for the broker to answer a metadata request. */
  startTimeoutMs?: number;
}

export interface LocalKafka {
  brokers: string[];
  /** Broker and storage directory (logs in `broker.log`). */
  workDir: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a single-node Apache Kafka broker in KRaft mode with the machine's Java:
 * formats fresh storage in a temp directory, starts the broker and resolves once it
 * answers a metadata request. `stop()` shuts it down cleanly and removes the directory.
 */
export async function startLocalKafka(options: LocalKafkaOptions = {}): Promise<LocalKafka> {
  const libsDir = options.libsDir ?? path.join(workspaceRoot, '.tools/kafka/libs');
  if (!existsSync(libsDir)) {
    throw new Error(`Kafka jars not found in ${libsDir}: run scripts/bootstrap first`);
  }
  const port = options.port ?? (await freePort());
  const controllerPort = await freePort();
  const workDir = mkdtempSync(path.join(tmpdir(), 'tenantry-kafka-'));
  const propertiesFile = path.join(workDir, 'server.properties');
  writeFileSync(
    propertiesFile,
    [
      readFileSync(path.join(workspaceRoot, 'deploy/kafka/server.properties'), 'utf8'),
      'node.id=1',
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `log.dirs=${path.join(workDir, 'data')}`,
      '',
    ].join('\n'),
  );

  const java = javaArgs(libsDir);
  const clusterId = randomBytes(16).toString('base64url');
  const format = spawnSync(
    'java',
    // `--cluster-id=…` in one argument: an id starting with '-' (1 in 64) would read as an option.
    [
      ...java,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${clusterId}`,
      '-c',
      propertiesFile,
    ],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) {
    rmSync(workDir, { recursive: true, force: true });
    throw new Error(`kafka storage format failed: ${format.stderr || format.stdout}`);
  }

  const log = openSync(path.join(workDir, 'broker.log'), 'a');
  const broker = spawn('java', [...java, 'kafka.Kafka', propertiesFile], {
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<number | null>((resolve) => broker.once('exit', resolve));
  const brokers = [`127.0.0.1:${port}`];

  try {
    await waitForMetadata(brokers, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stopProcess(broker, exited);
    const tail = readFileSync(path.join(workDir, 'broker.log'), 'utf8').slice(-4000);
    rmSync(workDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n--- broker log ---\n${tail}`);
  }

  return {
    brokers,
    workDir,
    pid: broker.pid!,
    async stop() {
      await stopProcess(broker, exited);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function javaArgs(libsDir: string): string[] {
  return [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(workspaceRoot, 'deploy/kafka/log4j2.yaml')}`,
    '-cp',
    path.join(libsDir, '*'),
  ];
}

async function waitForMetadata(
  brokers: string[],
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let brokerExit: number | null | undefined;
  void exited.then((code) => (brokerExit = code));
  for (;;) {
    if (brokerExit !== undefined) throw new Error(`kafka broker exited with code ${brokerExit}`);
    const admin = new Kafka({
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 1000,
    }).admin();
    try {
      await admin.connect();
      await admin.fetchTopicMetadata({ topics: [] });
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`kafka broker did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
