import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { InputBoundaryInterceptor } from './input-boundary.interceptor';
import { ProblemDetailsFilter } from './problem-details.filter';

/**
 * Import once in an app module: every HTTP error of the app becomes problem+json, and every
 * request passes the input boundary (InputBoundaryInterceptor) before its handler runs.
 */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: InputBoundaryInterceptor },
  ],
})
export class ProblemDetailsModule {}
