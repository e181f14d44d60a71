import { createHash } from 'node:crypto';

/**
 * The URL segment of an owner, service or tag name: lower-case ASCII letters, digits and `-`.
 * Accents are dropped (`Équipe` → `equipe`); a name with nothing left (`..`, `运维`) gets a stable
 * `n-<hash>` segment. No value can name a path outside its listing (`../guides`, `a/b`, `?x`), so
 * a page's metadata can never replace or hide another page.
 */
export function nameSlug(name: string): string {
  let slug = known.get(name);
  if (slug === undefined) {
    slug = computeSlug(name);
    known.set(name, slug);
  }
  return slug;
}

// Thousands of pages share a few dozen owners and tags: each name is slugged once.
const known = new Map<string, string>();

function computeSlug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii !== '' ? ascii : `n-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
}
