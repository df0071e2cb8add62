import { Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

const intervalMs = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job whose runs last as long as the test says, counting runs and overlaps. */
class ControlledJob extends PeriodicJob {
  runs = 0;
  concurrent = 0;
  maxConcurrent = 0;
  finished = 0;
  runDurationMs = 0;
  failNext = false;

  constructor() {
    super('controlled job', intervalMs);
  }

  protected async runOnce(): Promise<void> {
    this.runs++;
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      await sleep(this.runDurationMs);
      if (this.failNext) {
        this.failNext = false;
        throw new Error('the database is gone');
      }
    } finally {
      this.concurrent--;
      this.finished++;
    }
  }
}

describe('a periodic job', () => {
  let job: ControlledJob;

  beforeEach(() => {
    job = new ControlledJob();
  });

  afterEach(() => job.beforeApplicationShutdown());

  it('runs every interval once the application has started', async () => {
    await sleep(intervalMs * 5);
    expect(job.runs).toBe(0);
    job.onApplicationBootstrap();
    await sleep(intervalMs * 8);
    expect(job.runs).toBeGreaterThanOrEqual(3);
  });

  it('never starts a run while one is still going', async () => {
    job.runDurationMs = intervalMs * 6;
    job.onApplicationBootstrap();
    await sleep(intervalMs * 20);
    expect(job.runs).toBeGreaterThanOrEqual(2);
    expect(job.runs).toBeLessThanOrEqual(4);
    expect(job.maxConcurrent).toBe(1);
  });

  it('awaits the running run on shutdown and starts none after', async () => {
    job.runDurationMs = intervalMs * 10;
    job.onApplicationBootstrap();
    while (job.runs === 0) await sleep(1);

    await job.beforeApplicationShutdown();
    expect(job.finished).toBe(1);
    await sleep(intervalMs * 5);
    expect(job.runs).toBe(1);
  });

  it('logs a failed run and runs again at the next interval', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    job.failNext = true;
    job.onApplicationBootstrap();
    while (job.runs < 2) await sleep(1);

    expect(logged).toHaveBeenCalledWith('controlled job failed: Error: the database is gone');
    logged.mockRestore();
  });
});
