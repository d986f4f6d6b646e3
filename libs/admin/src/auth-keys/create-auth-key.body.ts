import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsRFC3339, IsString, MaxLength } from 'class-validator';

export class CreateAuthKeyBody {
  @ApiProperty({ description: 'Who uses the key', example: 'billing service' })
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(256, { message: 'name has at most 256 characters' })
  name!: string;

  @ApiPropertyOptional({ description: 'Free text' })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  description?: string;

  @ApiPropertyOptional({
    description: 'Requests with the key are attributed to this user path (it overrides the header)',
    example: '/team-a',
  })
  @IsOptional()
  @IsString({ message: 'user_path must be a string' })
  user_path?: string;

  @ApiPropertyOptional({ description: 'RFC 3339 time in the future after which the key stops working', example: '2030-01-31T00:00:00Z' })
  @IsOptional()
  @IsRFC3339({ message: 'expires_at must be an RFC 3339 time such as 2030-01-31T00:00:00Z' })
  expires_at?: string;
}
