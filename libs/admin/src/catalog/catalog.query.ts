import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MODEL_CATEGORIES, type ModelCategory } from './model-category.js';

const NAMES = MODEL_CATEGORIES.map((entry) => entry.category);

export class ModelsQuery {
  @ApiPropertyOptional({ description: 'Only models of this category', enum: NAMES, default: 'all' })
  @IsOptional()
  @IsIn(NAMES, { message: `category must be one of ${NAMES.join(', ')}` })
  category?: ModelCategory;
}
