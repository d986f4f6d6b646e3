import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class PutGuardrailBody {
  @ApiProperty({ description: 'The guardrail type (GET /admin/guardrails/types)', example: 'system_prompt' })
  @IsString({ message: 'type must be a string' })
  @IsNotEmpty({ message: 'type is required' })
  @MaxLength(64, { message: 'type has at most 64 characters' })
  type!: string;

  @ApiPropertyOptional({ description: 'Free text' })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  description?: string;

  @ApiPropertyOptional({ description: 'User path base of the auxiliary calls a type makes', example: '/ops' })
  @IsOptional()
  @IsString({ message: 'user_path must be a string' })
  @MaxLength(1024, { message: 'user_path has at most 1024 characters' })
  user_path?: string;

  @ApiPropertyOptional({ description: 'Its step: lower runs first; guardrails of one step run side by side (default 0)' })
  @IsOptional()
  @IsInt({ message: 'order must be an integer' })
  order?: number;

  @ApiPropertyOptional({ description: "The type's settings (its fields in GET /admin/guardrails/types); unknown fields are refused" })
  @IsOptional()
  @IsObject({ message: 'config must be an object' })
  config?: Record<string, unknown>;
}
