// GET / DELETE /v1/responses/{id} and its input items: what the gateway stored, nothing asked of a provider.
import { Injectable } from '@nestjs/common';
import { GatewayError } from '@modelgate/core';
import { ResponseStore, type StoredResponse } from '@modelgate/storage';
import type { ItemPage } from './parse-item-page.js';
import type { ResponseItem, ResponseObject } from './wire.js';

export interface DeletedResponse {
  id: string;
  object: 'response';
  deleted: true;
}

export interface ItemList {
  object: 'list';
  data: ResponseItem[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** One page of items: `after` an id in the chosen order (an unknown id gives an empty page). */
export function pageOf(items: readonly ResponseItem[], page: ItemPage): ItemList {
  const ordered = page.order === 'asc' ? [...items] : [...items].reverse();
  const start = page.after === undefined ? 0 : ordered.findIndex((item) => item.id === page.after) + 1;
  const data = page.after !== undefined && start === 0 ? [] : ordered.slice(start, start + page.limit);
  return {
    object: 'list',
    data,
    first_id: (data[0]?.id as string | undefined) ?? null,
    last_id: (data.at(-1)?.id as string | undefined) ?? null,
    has_more: start + data.length < ordered.length && data.length > 0,
  };
}

@Injectable()
export class StoredResponses {
  constructor(private readonly store: ResponseStore) {}

  async get(id: string): Promise<ResponseObject> {
    return (await this.find(id)).response as ResponseObject;
  }

  async delete(id: string): Promise<DeletedResponse> {
    if (!(await this.store.delete(id))) throw notFound(id);
    return { id, object: 'response', deleted: true };
  }

  async inputItems(id: string, page: ItemPage): Promise<ItemList> {
    return pageOf((await this.find(id)).inputItems, page);
  }

  private async find(id: string): Promise<StoredResponse> {
    const stored = await this.store.get(id);
    if (stored === null) throw notFound(id);
    return stored;
  }
}

function notFound(id: string): GatewayError {
  return GatewayError.notFound(`response '${id}' was not found; only responses created through this gateway with store enabled are kept`, {
    code: 'response_not_found',
  });
}
