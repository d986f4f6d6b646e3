import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsString } from 'class-validator';

export class PutModelOverrideBody {
  @ApiProperty({ description: 'User paths that may use the selected models, each with its subtree; `/` is everyone', example: ['/team-a'] })
  @IsArray({ message: 'user_paths must be a list of user paths' })
  @ArrayNotEmpty({ message: 'user_paths is required: list the user paths that may use the models' })
  @ArrayMaxSize(1000, { message: 'user_paths has at most 1000 entries' })
  @IsString({ each: true, message: 'user_paths must be a list of strings' })
  user_paths!: string[];
}
