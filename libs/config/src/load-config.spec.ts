import { ConfigError, loadConfig } from './load-config';
import { databaseSettings, kafkaSettings, serviceSettings } from './settings';

describe('loadConfig', () => {
  it('gives every setting a local default', () => {
    const config = loadConfig(
      kafkaSettings.extend(databaseSettings.shape).extend(serviceSettings.shape),
      {},
    );
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.PORT).toBe(3000);
  });

  it('splits a broker list and trims it', () => {
    expect(loadConfig(kafkaSettings, { KAFKA_BROKERS: ' a:1, b:2 ,' }).KAFKA_BROKERS).toEqual([
      'a:1',
      'b:2',
    ]);
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig(serviceSettings.extend(databaseSettings.shape), {
        PORT: 'x',
        DATABASE_URL: 'nope',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toHaveLength(2);
    expect((error as ConfigError).issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('DATABASE_URL'),
        expect.stringContaining('PORT'),
      ]),
    );
  });
});
