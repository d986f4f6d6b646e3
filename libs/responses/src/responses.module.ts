import { Module } from '@nestjs/common';
import { ChatModule } from '@modelgate/chat';
import { ConversationsModule } from '@modelgate/conversations';
import { ResponsesController } from './responses.controller.js';
import { ResponsesService } from './responses.service.js';
import { StoredResponses } from './stored-responses.service.js';

/** POST /v1/responses (native or translated) and the stored-response routes. ResponseStore comes from the global StorageModule. */
@Module({ imports: [ChatModule, ConversationsModule], controllers: [ResponsesController], providers: [ResponsesService, StoredResponses] })
export class ResponsesModule {}
