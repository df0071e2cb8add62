/**
 * kafkajs 2.2.4 schedules timers with negative delays, which Node ≥ 24 reports as a
 * TimeoutNegativeWarning on stderr (harmless: Node runs them at once). Dropped in every process
 * that loads the messaging lib's Kafka client, whatever its entry point or NODE_OPTIONS.
 */
export function ignoreTimeoutNegativeWarnings(): void {
  if (filtering) return;
  filtering = true;
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type =
      typeof rest[0] === 'string'
        ? rest[0]
        : ((rest[0] as { type?: string } | undefined)?.type ??
          (warning instanceof Error ? warning.name : undefined));
    if (type === 'TimeoutNegativeWarning') return;
    (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

let filtering = false;
