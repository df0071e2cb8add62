import { ConfigError, loadConfig } from '@tenantry/config';
import { telemetrySettings } from './telemetry-settings';

describe('telemetrySettings', () => {
  it('exports nothing by default', () => {
    expect(loadConfig(telemetrySettings, {})).toEqual({});
  });

  it('treats an empty variable as unset', () => {
    expect(
      loadConfig(telemetrySettings, { OTEL_EXPORTER_OTLP_ENDPOINT: '', TENANTRY_TRACE_FILE: '' }),
    ).toEqual({});
  });

  it('takes a collector URL', () => {
    expect(
      loadConfig(telemetrySettings, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }),
    ).toEqual({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
  });

  it('takes a traces-only collector URL on its own', () => {
    expect(
      loadConfig(telemetrySettings, {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
      }),
    ).toEqual({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' });
  });

  it('refuses a collector address that is not an http(s) URL', () => {
    expect(() =>
      loadConfig(telemetrySettings, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    ).toThrow(ConfigError);
  });
});
