import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { VirtualModelService, type VirtualModelView } from '@modelgate/providers';
import { toVirtualModelSource, toVirtualModelWrite } from './virtual-model-write.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/virtual-models', 'admin/api/v1/virtual-models'])
export class VirtualModelsController {
  constructor(private readonly virtualModels: VirtualModelService) {}

  @Get()
  @ApiOperation({
    summary: 'Virtual models, by source',
    description: 'Declared ones (VIRTUAL_MODELS, config.yaml: `managed`, read-only) and stored ones; aliases are those with one target.',
  })
  list(): VirtualModelView[] {
    return this.virtualModels.list();
  }

  @Put()
  @ApiOperation({
    summary: 'Create, replace or rename (old_source) a virtual model',
    description: 'Each target must resolve to a served model now or name another virtual model; chains are acyclic, at most 8 deep.',
  })
  @ApiBody({ schema: { type: 'object', example: { source: 'smart', strategy: 'round_robin', targets: [{ model: 'gpt-4o', weight: 2 }] } } })
  @ApiResponse({ status: 400, description: 'Invalid field or target, a chain cycle, or a declared virtual model' })
  @ApiResponse({ status: 409, description: 'Renaming one others chain through, or onto an existing source' })
  put(@Body() body: unknown): Promise<VirtualModelView> {
    const { spec, oldSource } = toVirtualModelWrite(body);
    return this.virtualModels.put(spec, oldSource);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a virtual model: body { "source": "smart" }' })
  @ApiResponse({ status: 404, description: 'Unknown virtual model' })
  @ApiResponse({ status: 409, description: 'Others chain through it' })
  remove(@Body() body: unknown): Promise<void> {
    return this.virtualModels.delete(toVirtualModelSource(body));
  }
}
