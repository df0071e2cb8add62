// `scripts/kafka [--port N]`: runs a local KRaft broker in the foreground until Ctrl-C.
import { parseArgs } from 'node:util';
import { startLocalKafka } from './local-kafka';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '9092' } } });
  const startedAt = Date.now();
  const kafka = await startLocalKafka({ port: Number(values.port) });
  console.log(
    `kafka: ${kafka.brokers.join(',')} ready in ${Date.now() - startedAt} ms (logs: ${kafka.workDir}/broker.log)`,
  );
  const stop = async (): Promise<void> => {
    await kafka.stop();
    console.log('kafka: stopped');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
