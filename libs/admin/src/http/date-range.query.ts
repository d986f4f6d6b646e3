// The parameters every usage and audit read shares: the date range and the caller's time zone.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ToInteger } from './query-transforms.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class DateRangeQuery {
  @ApiPropertyOptional({
    description: 'First day (inclusive), YYYY-MM-DD in the time zone; default end_date − 29 days',
    example: '2026-11-01',
  })
  @IsOptional()
  @Matches(DATE, { message: 'start_date must be a date as YYYY-MM-DD' })
  start_date?: string;

  @ApiPropertyOptional({ description: 'Last day (inclusive), YYYY-MM-DD in the time zone; default today', example: '2026-11-30' })
  @IsOptional()
  @Matches(DATE, { message: 'end_date must be a date as YYYY-MM-DD' })
  end_date?: string;

  @ApiPropertyOptional({ description: 'Without dates: this many days ending today', default: 30, minimum: 1, maximum: 3660 })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'days must be a whole number' })
  @Min(1, { message: 'days must be at least 1' })
  @Max(3660, { message: 'days must be at most 3660' })
  days?: number;

  @ApiPropertyOptional({
    description: 'IANA time zone of the dates and day buckets (else the X-GoModel-Timezone header, else UTC)',
    example: 'Europe/Berlin',
  })
  @IsOptional()
  @IsString()
  timezone?: string;
}
