import { requireSessionContext } from "@/lib/auth/session";
import { notFoundOr, pageParam, type SearchParams } from "./page-params";

const VERSIONS_PER_PAGE = 10;

type Ctx = Awaited<ReturnType<typeof requireSessionContext>>;
type Paging = { page: number; limit: number };

export type VersionedPageProps<K extends string> = {
  params: Promise<Record<K, string>>;
  searchParams: Promise<SearchParams>;
};

/**
 * What the page of a versioned item (a template, a transform) reads, in parallel: the item, one page of its versions
 * (`?vpage=`) and whatever `readAlso` reads, with the caller first. An unknown or foreign id (the path segment `key`) renders the 404 page.
 */
export async function loadVersioned<K extends string, I, V, A = undefined>(
  { params, searchParams }: VersionedPageProps<K>,
  key: K,
  readItem: (ctx: Ctx, id: string) => Promise<I>,
  readVersions: (ctx: Ctx, id: string, paging: Paging) => Promise<V>,
  readAlso?: (ctx: Ctx, id: string) => Promise<A>,
): Promise<[Ctx, I, V, A]> {
  const ctx = await requireSessionContext();
  const id = (await params)[key];
  const paging = { page: pageParam(await searchParams, "vpage"), limit: VERSIONS_PER_PAGE };
  const [item, versions, also] = await Promise.all([
    readItem(ctx, id).catch(notFoundOr),
    readVersions(ctx, id, paging).catch(notFoundOr),
    readAlso ? readAlso(ctx, id).catch(notFoundOr) : (undefined as A),
  ]);
  return [ctx, item, versions, also];
}
