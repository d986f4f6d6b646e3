import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, GatewayError, RequestContext, type ModelList, type ModelObject } from '@modelgate/core';
import { ModelCatalog } from '@modelgate/providers';
import { toAnthropicModel, toAnthropicModelPage, type AnthropicModelInfo, type AnthropicModelPage } from './to-anthropic-model.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly catalog: ModelCatalog) {}

  @Get()
  @ApiOperation({
    summary: 'List models',
    description:
      "Every model of every provider instance the caller's user path may use, as `instance/model`, owned by the instance, and the enabled aliases. With an `anthropic-version` header (Anthropic SDKs), in Anthropic's shape.",
  })
  @ApiResponse({ status: 200, description: 'OpenAI model list, or Anthropic model page' })
  list(@Ctx() ctx: RequestContext, @Headers('anthropic-version') anthropicVersion?: string): ModelList | AnthropicModelPage {
    const models = this.catalog.listModels(ctx.userPath);
    return anthropicVersion === undefined ? { object: 'list', data: models } : toAnthropicModelPage(models);
  }

  @Get('*model')
  @ApiOperation({ summary: 'Retrieve a model', description: 'By `instance/model`, bare model ID or alias.' })
  @ApiResponse({ status: 404, description: 'Unknown model' })
  retrieve(
    @Param('model') model: string | string[],
    @Ctx() ctx: RequestContext,
    @Headers('anthropic-version') anthropicVersion?: string,
  ): ModelObject | AnthropicModelInfo {
    const id = Array.isArray(model) ? model.join('/') : model;
    const { adapter, model: local, alias } = this.catalog.resolve(id, undefined, ctx.userPath);
    const qualified = alias ?? `${adapter.config.name}/${local}`;
    const found = this.catalog.listModels(ctx.userPath).find((entry) => entry.id === qualified);
    if (!found)
      throw GatewayError.notFound(`model '${id}' is not listed by provider '${adapter.config.name}'`, {
        param: 'model',
        code: 'model_not_found',
      });
    return anthropicVersion === undefined ? found : toAnthropicModel(found);
  }
}
