/**
 * Reference pages (generated API docs, release notes, changelogs) match many terms but describe
 * functions and versions rather than what the product does: search ranks them lower and the judge
 * does not let them alone decide that a claim is wrong.
 */
const REFERENCE_PAGE = /\/(?:api-ref|release-notes|changelog)\//;

export function isReferencePage(url: string): boolean {
  return REFERENCE_PAGE.test(url);
}
