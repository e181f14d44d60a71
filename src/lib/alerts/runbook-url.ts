import { own } from '../shared/own.js';
import { normaliseBase } from '../shared/paths.js';

/** Where a `runbook_url` leads, read against the knowledge base's own address. */
export type RunbookTarget =
  /** Another host, or a template other than the alert name: not this site's to judge. */
  | { kind: 'elsewhere' }
  | { kind: 'empty' }
  | { kind: 'invalid' }
  /** On this site's host but not under its base path. */
  | { kind: 'outside-base'; path: string }
  /** `/alerts/<name>/`, the address that opens the page listing the alert. */
  | { kind: 'alert'; alert: string }
  /** Any other site URL, without the base path: a page or a generated listing. */
  | { kind: 'page'; url: string };

/** A Go template that stands for the alert name: `{{ $labels.alertname }}`, `{{ .Labels.alertname | toLower }}`, `{{ index $labels "alertname" }}`. */
const ALERT_NAME_TEMPLATE =
  /\{\{-?\s*(?:(?:\$labels|\.Labels)\.alertname|index\s+(?:\$labels|\.Labels)\s+"alertname")((?:\s*\|\s*\w+)*)\s*-?\}\}/g;

const PIPES: Record<string, (text: string) => string> = {
  toLower: (text) => text.toLowerCase(),
  toUpper: (text) => text.toUpperCase(),
  urlquery: (text) => encodeURIComponent(text),
};

/**
 * The templates in a `runbook_url` that stand for the alert name, and the URL with `alert`
 * written in their place (through `toLower`, `toUpper` and `urlquery` pipes). Prometheus fills in
 * annotation templates from the series' labels, before it adds `alertname`: in a rule file these
 * templates come out empty, so the filled URL is what the rule should say instead.
 */
export function fillAlertName(url: string, alert: string): { templates: string[]; filled: string } {
  const templates: string[] = [];
  const filled = url.replace(ALERT_NAME_TEMPLATE, (template: string, pipes: string) => {
    templates.push(template);
    const names = pipes
      .split('|')
      .map((pipe) => pipe.trim())
      .filter(Boolean);
    return names.reduce((text, name) => own(PIPES, name)?.(text) ?? text, alert);
  });
  return { templates, filled };
}

/**
 * Reads a `runbook_url` against the site's `site` (origin) and `base`: absolute URLs on the site's
 * host, site-absolute paths and relative paths are this site's; anything else is not judged.
 */
export function runbookTarget(url: string, own: { site?: string; base: string }): RunbookTarget {
  const written = url.trim();
  if (written === '') return { kind: 'empty' };
  if (written.includes('{{')) return { kind: 'elsewhere' };
  const base = normaliseBase(own.base);
  let parsed: URL;
  try {
    parsed = new URL(written, `https://runbook-kb.invalid${base}`);
  } catch {
    return { kind: 'invalid' };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('//')) {
    const site = own.site ? new URL(own.site) : undefined;
    if (!site || parsed.host !== site.host || !/^https?:$/.test(parsed.protocol)) return { kind: 'elsewhere' };
  }
  const path = decodePath(parsed.pathname);
  if (!`${path}/`.startsWith(base)) return { kind: 'outside-base', path };
  let sitePath = `/${path.slice(base.length)}`.replace(/\/index\.html$/, '/');
  // `/alerts/DiskFull` is served as `/alerts/DiskFull/`; a name with a dot in it is a file.
  if (!sitePath.endsWith('/') && !/\.[a-z0-9]+$/i.test(sitePath)) sitePath += '/';
  const alert = /^\/alerts\/([^/]+)\/$/.exec(sitePath)?.[1];
  return alert === undefined ? { kind: 'page', url: sitePath } : { kind: 'alert', alert };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
