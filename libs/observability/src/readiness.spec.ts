import fc from 'fast-check';
import { assessReadiness, type ReadinessCheck } from './readiness';

const passing = (name: string): ReadinessCheck => ({ name, check: async () => undefined });
const failing = (name: string, reason: string): ReadinessCheck => ({
  name,
  check: async () => {
    throw new Error(reason);
  },
});

describe('assessReadiness', () => {
  it('is ready when every check passes', async () => {
    await expect(assessReadiness([passing('postgres'), passing('kafka')], 100)).resolves.toEqual({
      status: 'ready',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('names the failing check and why', async () => {
    const report = await assessReadiness(
      [passing('postgres'), failing('kafka', 'connect ECONNREFUSED')],
      100,
    );
    expect(report).toEqual({
      status: 'not_ready',
      checks: {
        postgres: { status: 'up' },
        kafka: { status: 'down', reason: 'connect ECONNREFUSED' },
      },
    });
  });

  it('counts a check that does not answer in time as down', async () => {
    const hanging: ReadinessCheck = { name: 'kafka', check: () => new Promise(() => undefined) };
    const started = Date.now();
    const report = await assessReadiness([hanging], 50);
    expect(report.checks.kafka).toEqual({ status: 'down', reason: 'no answer within 50 ms' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is ready with no checks at all', async () => {
    await expect(assessReadiness([], 10)).resolves.toEqual({ status: 'ready', checks: {} });
  });

  it('is ready exactly when no check fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 8 }), async (passes) => {
        const checks = passes.map((passes, index) =>
          passes ? passing(`c${index}`) : failing(`c${index}`, 'down'),
        );
        const report = await assessReadiness(checks, 100);
        expect(report.status).toBe(passes.every(Boolean) ? 'ready' : 'not_ready');
        expect(Object.keys(report.checks)).toHaveLength(passes.length);
      }),
    );
  });
});
