/**
 * Where a public page is, read from its own address (`location.pathname`), so that the page
 * reaches its stream, its API and its files under whatever path the citizen's browser sees it:
 * "/t/<token>" on a centre's own hub, "/c/hoan-kiem/t/<token>" behind a province's front
 * (docs/province.md, "The public pages under a path"). The hub never needs to know that path.
 *
 * `prefix` is what comes before the page's route: "" at the root, "/c/hoan-kiem" behind a path.
 */

/** The ticket page, "<prefix>/t/<token>": its token and the address its stream and actions hang off. */
export function ticketPageAddress(pathname: string): { readonly prefix: string; readonly token: string; readonly page: string } | null {
  const m = /^(.*)\/t\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return m ? { prefix: m[1]!, token: m[2]!, page: `${m[1]!}/t/${m[2]!}` } : null;
}

/** The booking page, "<prefix>/dat-lich": where its API is ("<prefix>/dat-lich/api/"). */
export function bookingApiBase(pathname: string): string {
  const m = /^(.*)\/dat-lich$/.exec(pathname);
  return `${m ? m[1]! : ''}/dat-lich/api/`;
}
