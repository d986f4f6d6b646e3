// Query parameters of /admin/audit/*: validated by AdminValidationPipe, documented by Swagger from these classes.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { DateRangeQuery } from '../http/date-range.query.js';
import { HttpStatusFilter, PageLimit, PageOffset, ToBoolean, ToInteger } from '../http/query-transforms.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export class AuditLogQuery extends DateRangeQuery {
  @ApiPropertyOptional({ description: 'Substring of the requested or served model' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'model must not be empty' })
  model?: string;

  @ApiPropertyOptional({ description: "GoModel's name for model" })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'requested_model must not be empty' })
  requested_model?: string;

  @ApiPropertyOptional({ description: 'Substring of the provider instance name or type' })
  @IsOptional()
  @IsString()
  provider?: string;

  @ApiPropertyOptional({ description: 'User path subtree' })
  @IsOptional()
  @IsString()
  user_path?: string;

  @HttpStatusFilter()
  status?: number;

  @ApiPropertyOptional({ description: "GoModel's name for status" })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'status_code must be an HTTP status code' })
  @Min(100, { message: 'status_code must be an HTTP status code' })
  @Max(599, { message: 'status_code must be an HTTP status code' })
  status_code?: number;

  @ApiPropertyOptional({ description: 'HTTP method (any case)', enum: METHODS })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(METHODS, { message: `method must be one of ${METHODS.join(', ')}` })
  method?: string;

  @ApiPropertyOptional({ description: 'Substring of the request path', example: '/v1/chat' })
  @IsOptional()
  @IsString()
  path?: string;

  @ApiPropertyOptional({ description: 'Streamed requests only (true) or unstreamed only (false)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'stream must be true or false' })
  stream?: boolean;

  @ApiPropertyOptional({ description: 'Managed API key id' })
  @IsOptional()
  @IsString()
  auth_key_id?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive text in the path, models, provider, request id or error' })
  @IsOptional()
  @IsString()
  search?: string;

  @PageLimit(25, 100)
  limit?: number;

  @PageOffset()
  offset?: number;
}

export class AuditDetailQuery {
  @ApiPropertyOptional({ description: 'Audit entry id (or log_id)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'id must not be empty' })
  id?: string;

  @ApiPropertyOptional({ description: "GoModel's name for id" })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'log_id must not be empty' })
  log_id?: string;
}

export class AuditConversationQuery extends AuditDetailQuery {
  @ApiPropertyOptional({ description: 'Most entries in the thread', default: 40, minimum: 1, maximum: 200 })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be between 1 and 200' })
  @Max(200, { message: 'limit must be between 1 and 200' })
  limit?: number;
}
