// GET /v1/files without ?provider=: one newest-first listing over every file-capable instance, as GoModel merges it.
// Each instance is read page by page (limit + 1 at a time, its own `after` cursor) and the pages are merged lazily,
// so a listing costs about `limit` files per instance, not their whole history.
import { GatewayError } from '@modelgate/core';
import type { FileListQuery } from '@modelgate/providers';

/** One instance's listing: `list` answers an OpenAI file list for the query. */
export interface FileListSource {
  /** The instance name, stamped as `provider` on its files. */
  name: string;
  list(query: FileListQuery): Promise<Record<string, unknown>>;
}

export interface MergedFileQuery {
  purpose?: string;
  limit: number;
  /** A file id of the merged listing: the page starts after it (404 when no instance lists it). */
  after?: string;
}

export interface MergedFileList {
  page: {
    object: 'list';
    data: Record<string, unknown>[];
    first_id: string | null;
    last_id: string | null;
    has_more: boolean;
  };
  /** Instances left out because they failed while others answered. */
  failures: { provider: string; error: unknown }[];
}

type FileObject = Record<string, unknown>;

interface SourceState {
  source: FileListSource;
  items: FileObject[];
  index: number;
  hasMore: boolean;
  cursor: string | undefined;
  exhausted: boolean;
}

/** An instance without a Files API behind it (404) or without this operation (501) is not an error of the listing. */
function isAbsent(err: unknown): boolean {
  return err instanceof GatewayError && (err.status === 404 || err.status === 501);
}

const createdAt = (file: FileObject): number => (typeof file.created_at === 'number' ? file.created_at : 0);
const idOf = (file: FileObject): string => (typeof file.id === 'string' ? file.id : '');

/** Newest first; ties by id, then provider, both descending (GoModel's order). */
export function fileSortsBefore(left: FileObject, right: FileObject): boolean {
  if (createdAt(left) !== createdAt(right)) return createdAt(left) > createdAt(right);
  if (idOf(left) !== idOf(right)) return idOf(left) > idOf(right);
  return String(left.provider) > String(right.provider);
}

async function loadPage(state: SourceState, purpose: string | undefined, pageSize: number): Promise<void> {
  const query: FileListQuery = { limit: pageSize };
  if (purpose !== undefined) query.purpose = purpose;
  if (state.cursor !== undefined) query.after = state.cursor;
  const body = await state.source.list(query);
  const data = Array.isArray(body.data) ? (body.data as unknown[]) : [];
  state.items = data
    .filter((file): file is FileObject => typeof file === 'object' && file !== null)
    .map((file) => ({ ...file, provider: state.source.name }));
  state.index = 0;
  state.hasMore = body.has_more === true;
  state.cursor = state.items.length > 0 ? idOf(state.items.at(-1)!) : undefined;
  state.exhausted = state.items.length === 0;
}

/** The next file of the merged order, loading the next page of an instance that ran out; undefined at the end. */
async function nextFile(states: SourceState[], purpose: string | undefined, pageSize: number): Promise<FileObject | undefined> {
  let best: SourceState | undefined;
  for (const state of states) {
    if (!state.exhausted && state.index >= state.items.length) {
      if (!state.hasMore) state.exhausted = true;
      else {
        try {
          await loadPage(state, purpose, pageSize);
        } catch (err) {
          if (!isAbsent(err)) throw err;
          state.exhausted = true;
        }
      }
    }
    if (state.exhausted) continue;
    if (best === undefined || fileSortsBefore(state.items[state.index]!, best.items[best.index]!)) best = state;
  }
  if (best === undefined) return undefined;
  best.index += 1;
  return best.items[best.index - 1];
}

export async function mergeFileListings(sources: readonly FileListSource[], query: MergedFileQuery): Promise<MergedFileList> {
  const pageSize = query.limit + 1;
  const loaded = await Promise.all(
    sources.map(async (source) => {
      const state: SourceState = { source, items: [], index: 0, hasMore: false, cursor: undefined, exhausted: false };
      try {
        await loadPage(state, query.purpose, pageSize);
        return { state };
      } catch (error) {
        return { source, error };
      }
    }),
  );
  const states = loaded.flatMap((result) => (result.state ? [result.state] : []));
  const failures = loaded.flatMap((result) =>
    result.source && !isAbsent(result.error) ? [{ provider: result.source.name, error: result.error }] : [],
  );
  // A listing nobody could answer is the first failure; one that some instances answered leaves the rest out.
  if (states.length === 0 && failures.length > 0) throw failures[0]!.error;

  const data: FileObject[] = [];
  let found = query.after === undefined;
  while (data.length <= query.limit) {
    const file = await nextFile(states, query.purpose, pageSize);
    if (file === undefined) break;
    if (found) data.push(file);
    else found = idOf(file) === query.after;
  }
  if (!found) {
    throw GatewayError.notFound(`after cursor file not found: ${query.after}`, { param: 'after', code: 'file_not_found' });
  }
  const page = data.slice(0, query.limit);
  return {
    page: {
      object: 'list',
      data: page,
      first_id: page.length > 0 ? idOf(page[0]!) : null,
      last_id: page.length > 0 ? idOf(page.at(-1)!) : null,
      has_more: data.length > query.limit,
    },
    failures,
  };
}
