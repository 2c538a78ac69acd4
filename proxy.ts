import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "./lib/auth/requested-path";

/**
 * Tells server components which page was asked for, so a signed-out visit can return to it after sign-in
 * (layouts are not given the URL). Any client value is overwritten; the sign-in page still validates it.
 */
export function proxy(request: NextRequest) {
  const url = request.nextUrl.clone();
  url.searchParams.delete("_rsc");
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|apple-icon.png|sign-in).*)"],
};
