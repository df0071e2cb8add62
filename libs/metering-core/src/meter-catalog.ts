import type { CompiledMeter } from './meter';

// A meter is never rewritten: a change adds a version that counts from its effective time on
// (see meterChangeEffectiveFrom), and versions take effect in the order they are made. The
// version of a meter at an instant is therefore the newest one whose effective time has come;
// before its first version a meter has none. An archived version is in effect like any other
// and counts nothing.

/** One version of a meter and the instant from which it counts. */
export interface MeterVersion {
  readonly key: string;
  readonly version: number;
  readonly effectiveFrom: Date;
  /** An archived version counts nothing from its effective time on. */
  readonly archived: boolean;
  readonly meter: CompiledMeter;
}

/** A tenant's meters, every version, by key (newest version first), ready to measure events. */
export type MeterCatalog = ReadonlyMap<string, readonly MeterVersion[]>;

/** The version of one meter in effect at `at`: the newest whose effective time has come, if any. */
export function meterVersionAt<
  V extends { readonly version: number; readonly effectiveFrom: Date },
>(versions: readonly V[], at: Date): V | undefined {
  const instant = at.getTime();
  let inEffect: V | undefined;
  for (const candidate of versions) {
    if (candidate.effectiveFrom.getTime() > instant) continue;
    if (inEffect === undefined || candidate.version > inEffect.version) inEffect = candidate;
  }
  return inEffect;
}

/** Groups a tenant's meter versions into a catalog; meters keep the order of their newest versions. */
export function meterCatalog(versions: readonly MeterVersion[]): MeterCatalog {
  const byKey = new Map<string, MeterVersion[]>();
  for (const version of [...versions].sort((a, b) => b.version - a.version)) {
    const list = byKey.get(version.key) ?? [];
    list.push(version);
    byKey.set(version.key, list);
  }
  return byKey;
}

/** The meters that count an event of `type` happening at `time`, each in its version for that time. */
export function metersCounting(catalog: MeterCatalog, type: string, time: Date): MeterVersion[] {
  const counting: MeterVersion[] = [];
  for (const versions of catalog.values()) {
    const inEffect = meterVersionAt(versions, time);
    if (inEffect && !inEffect.archived && inEffect.meter.eventType === type)
      counting.push(inEffect);
  }
  return counting;
}

/** Whether any version of any meter of the catalog counts events of `type`. */
export function catalogKnowsEventType(catalog: MeterCatalog, type: string): boolean {
  for (const versions of catalog.values()) {
    if (versions.some((version) => version.meter.eventType === type)) return true;
  }
  return false;
}
