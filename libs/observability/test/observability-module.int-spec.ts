import {
  Controller,
  Get,
  type INestApplication,
  Module,
  NotFoundException,
  Param,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@tenantry/auth';
import { ProblemDetailsModule } from '@tenantry/problem-details';
import {
  createTestDatabase,
  freePort,
  testKafkaBrokers,
  type TestDatabase,
} from '@tenantry/testing';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ObservabilityModule, kafkaReadiness, postgresReadiness } from '../src';

const knownMeters = new Set(['api-calls']);

class RefuseEveryone {
  canActivate(): boolean {
    throw new UnauthorizedException();
  }
}

@Controller('v1/meters')
class MetersController {
  @Get(':key')
  read(@Param('key') key: string) {
    if (!knownMeters.has(key)) throw new NotFoundException(`no meter ${key}`);
    return { key };
  }

  @Get(':key/explode')
  explode(): never {
    throw new Error('meter store unavailable');
  }

  @Get(':key/secret')
  @UseGuards(RefuseEveryone)
  secret() {
    return { secret: true };
  }
}

async function startApp(module: unknown): Promise<INestApplication> {
  const app = await NestFactory.create(module as never, { logger: false });
  await app.init();
  return app;
}

function sampleValue(metricsText: string, series: string): number | undefined {
  const line = metricsText.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('ObservabilityModule', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication;
  let kafka: Kafka;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: database.serviceUrl }).initialize();
    kafka = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });

    @Module({ providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] })
    class DatabaseModule {}

    @Module({
      imports: [
        ObservabilityModule.forRootAsync({
          imports: [DatabaseModule],
          inject: [DataSource],
          useFactory: (source: DataSource) => ({
            readiness: [postgresReadiness(source), kafkaReadiness(kafka)],
          }),
        }),
      ],
      controllers: [MetersController],
    })
    class MeteringApp {}

    app = await startApp(MeteringApp);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('counts requests by route template, including errors written by exception filters and guards', async () => {
    const server = app.getHttpServer();
    await request(server).get('/v1/meters/api-calls').expect(200);
    await request(server).get('/v1/meters/api-calls').expect(200);
    await request(server).get('/v1/meters/tokens').expect(404);
    await request(server).get('/v1/meters/api-calls/explode').expect(500);
    await request(server).get('/v1/meters/api-calls/secret').expect(401);
    await request(server).get('/v1/no/such/route/a1b2c3').expect(404);

    const metrics = await request(server).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    const text = metrics.text;
    const count = (route: string, status: number) =>
      sampleValue(text, `http_requests_total{method="GET",route="${route}",status="${status}"}`);
    expect(count('/v1/meters/:key', 200)).toBe(2);
    expect(count('/v1/meters/:key', 404)).toBe(1);
    expect(count('/v1/meters/:key/explode', 500)).toBe(1);
    expect(count('/v1/meters/:key/secret', 401)).toBe(1);
    expect(count('unmatched', 404)).toBe(1);
    expect(
      sampleValue(
        text,
        'http_request_duration_seconds_count{method="GET",route="/v1/meters/:key",status="200"}',
      ),
    ).toBe(2);
    // Raw paths never become label values: the cardinality stays bounded.
    expect(text).not.toContain('api-calls');
    expect(text).not.toContain('a1b2c3');
  });

  it('answers liveness', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when PostgreSQL and Kafka answer', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready');
    expect(response.body).toEqual({
      status: 'ready',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
    expect(response.status).toBe(200);
  });

  it('reuses one Kafka admin connection across probes', async () => {
    const adminClients = jest.spyOn(kafka, 'admin');
    try {
      for (let probe = 0; probe < 3; probe++)
        await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(adminClients.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      adminClients.mockRestore();
    }
  });

  it('is not ready, with 503 naming the failing check and why, when Kafka does not answer', async () => {
    const closedPort = await freePort();
    const unreachable = new Kafka({
      brokers: [`127.0.0.1:${closedPort}`],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });

    @Module({
      imports: [
        ObservabilityModule.forRoot({
          readiness: [postgresReadiness(dataSource), kafkaReadiness(unreachable)],
        }),
      ],
    })
    class CutOffApp {}

    const cutOff = await startApp(CutOffApp);
    try {
      const response = await request(cutOff.getHttpServer()).get('/health/ready');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        status: 'not_ready',
        checks: {
          postgres: { status: 'up' },
          kafka: { status: 'down', reason: expect.stringContaining('ECONNREFUSED') },
        },
      });
      await request(cutOff.getHttpServer()).get('/health/live').expect(200);
    } finally {
      await cutOff.close();
    }
  });

  it('is not ready when a dependency hangs past the timeout', async () => {
    @Module({
      imports: [
        ObservabilityModule.forRoot({
          readiness: [{ name: 'ledger', check: () => new Promise(() => undefined) }],
          readinessTimeoutMs: 100,
        }),
      ],
    })
    class HangingApp {}

    const hanging = await startApp(HangingApp);
    try {
      await request(hanging.getHttpServer())
        .get('/health/ready')
        .expect(503, {
          status: 'not_ready',
          checks: { ledger: { status: 'down', reason: 'no answer within 100 ms' } },
        });
    } finally {
      await hanging.close();
    }
  });
});

describe('ObservabilityModule behind the auth guard', () => {
  let app: INestApplication;

  beforeAll(async () => {
    @Module({
      imports: [
        ProblemDetailsModule,
        AuthModule.forRoot({ NODE_ENV: 'test', AUTH_PUBLIC_KEYS: undefined }),
        ObservabilityModule.forRoot({ readiness: [] }),
      ],
      controllers: [MetersController],
    })
    class GuardedApp {}

    app = await startApp(GuardedApp);
  });

  afterAll(() => app?.close());

  it('lets probes and scrapers in without a token', async () => {
    const server = app.getHttpServer();
    await request(server).get('/v1/meters/api-calls').expect(401);
    await request(server).get('/health/live').expect(200);
    await request(server).get('/health/ready').expect(200);
    const metrics = await request(server).get('/metrics').expect(200);
    expect(
      sampleValue(
        metrics.text,
        'http_requests_total{method="GET",route="/v1/meters/:key",status="401"}',
      ),
    ).toBeGreaterThanOrEqual(1);
  });
});
