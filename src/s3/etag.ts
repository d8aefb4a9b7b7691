/** ETags compare without their quotes (servers differ in whether they send them). */
export function bareEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/^"|"$/g, '');
}
