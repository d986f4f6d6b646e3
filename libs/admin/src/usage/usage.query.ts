// Query parameters of /admin/usage/*: validated by AdminValidationPipe, documented by Swagger from these classes.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { DateRangeQuery } from '../http/date-range.query.js';
import { HttpStatusFilter, PageLimit, PageOffset, ToInteger } from '../http/query-transforms.js';
import type { UsagePeriod } from './fold-usage-buckets.js';

const MAX_MODEL_ROWS = 10_000;

export class UsageQuery extends DateRangeQuery {
  @ApiPropertyOptional({ description: 'Requested or served model (exact)', example: 'gpt-4o-mini' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'model must not be empty' })
  model?: string;

  @ApiPropertyOptional({ description: 'Provider instance name or provider type (exact)', example: 'openai' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'provider must not be empty' })
  provider?: string;

  @ApiPropertyOptional({ description: 'User path subtree: /team-a matches /team-a and /team-a/alice', example: '/team-a' })
  @IsOptional()
  @IsString()
  user_path?: string;

  @HttpStatusFilter()
  status?: number;

  @ApiPropertyOptional({ description: 'Managed API key id' })
  @IsOptional()
  @IsString()
  auth_key_id?: string;
}

const PERIODS: Record<string, UsagePeriod> = { day: 'day', daily: 'day', week: 'week', weekly: 'week', month: 'month', monthly: 'month' };
const toPeriod = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? (PERIODS[value.toLowerCase()] ?? value) : value,
);

export class UsageSeriesQuery extends UsageQuery {
  @ApiPropertyOptional({
    description: 'Bucket size (GoModel spellings daily, weekly, monthly accepted)',
    enum: ['day', 'week', 'month'],
    default: 'day',
  })
  @IsOptional()
  @toPeriod
  @IsIn(['day', 'week', 'month'], { message: 'period must be one of day, week, month' })
  period?: UsagePeriod;

  @ApiPropertyOptional({ description: "GoModel's name for period", enum: ['daily', 'weekly', 'monthly'] })
  @IsOptional()
  @toPeriod
  @IsIn(['day', 'week', 'month'], { message: 'interval must be one of daily, weekly, monthly' })
  interval?: UsagePeriod;
}

export class UsageModelsQuery extends UsageQuery {
  /** GoModel's release checks send `limit`; without it every (model, provider) pair is listed. */
  @ApiPropertyOptional({ description: 'At most this many rows (default all)', minimum: 1, maximum: MAX_MODEL_ROWS })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be between 1 and ${MAX_MODEL_ROWS}` })
  @Max(MAX_MODEL_ROWS, { message: `limit must be between 1 and ${MAX_MODEL_ROWS}` })
  limit?: number;
}

export class UsageLogQuery extends UsageQuery {
  @PageLimit(50, 200)
  limit?: number;

  @PageOffset()
  offset?: number;
}
