import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class PutAliasBody {
  @ApiProperty({ description: 'The model selector the alias stands for', example: 'groq/llama-3.3-70b-versatile' })
  @IsString({ message: 'target_model must be a string' })
  @IsNotEmpty({ message: 'target_model is required' })
  @MaxLength(512, { message: 'target_model has at most 512 characters' })
  target_model!: string;

  @ApiPropertyOptional({ description: 'Provider instance name or type the target is looked up on', example: 'groq' })
  @IsOptional()
  @IsString({ message: 'target_provider must be a string' })
  @MaxLength(128, { message: 'target_provider has at most 128 characters' })
  target_provider?: string;

  @ApiPropertyOptional({ description: 'Free text' })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  description?: string;

  @ApiPropertyOptional({ description: 'Defaults to the alias’s current state, or true for a new alias' })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
