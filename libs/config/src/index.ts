export { ConfigError, loadConfig } from './load-config';
export { databaseSettings, kafkaSettings, serviceSettings } from './settings';
export { serviceRole } from './service-role';
