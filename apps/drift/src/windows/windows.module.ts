import { type DynamicModule, Module } from '@nestjs/common';
import type { DriftSettings } from '../drift-settings';
import { ModelsModule } from '../models/models.module';
import { ReferencesModule } from '../references/references.module';
import { DriftEventsController } from './drift-events.controller';
import { ModelStatusController } from './model-status.controller';
import { windowCloseIntervalMs, WindowCloser } from './window-closer';
import { WindowHistoryController } from './window-history.controller';
import { WindowJudge } from './window-judge';
import { WindowReportController } from './window-report.controller';
import { WindowsService } from './windows.service';

/** Judging windows as they fall due, drift events, and the status, history and report API. */
@Module({})
export class WindowsModule {
  static forRoot(config: DriftSettings): DynamicModule {
    return {
      module: WindowsModule,
      imports: [ModelsModule, ReferencesModule],
      controllers: [
        ModelStatusController,
        WindowHistoryController,
        DriftEventsController,
        WindowReportController,
      ],
      providers: [
        WindowJudge,
        WindowCloser,
        WindowsService,
        { provide: windowCloseIntervalMs, useValue: config.DRIFT_CLOSE_INTERVAL_MS },
      ],
    };
  }
}
