// A content pull request is untrusted input to `check`, `lint`, `build` and every reader's browser.
// test/fixtures/hostile is one site with a few good pages and one file per attack; expected.json
// says, for each case, which rule must report it (`rules`: any one of them, at `line` or one of
// the listed lines), and whether the build must leave the page out (`refused`). The site is
// checked once and built once; every payload that runs code writes a marker file into
// KB_HOSTILE_MARK_DIR or prints KB_CANARY_SECRET, so "nothing ran, nothing leaked" is testable.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGenerated, readExpected, removeGenerated, type Generated, type HostileCase } from '../fixtures/hostile/generate';
import { allText } from './helpers';

const project = process.cwd();
const fixture = resolve('test/fixtures/hostile');
const dist = join(fixture, 'dist');
const expected = readExpected(fixture);

/** The good pages and their URLs (without the `/kb/` base): all must be built, none may have an error. */
const GOOD_PAGES: Record<string, string> = {
  'content/guides/start-here.md': 'guides/start-here',
  'content/runbooks/dns/slow-lookups.md': 'runbooks/dns/slow-lookups',
  'content/runbooks/storage/disk-full.mdx': 'runbooks/storage/disk-full',
  'content/runbooks/storage/code-fences.md': 'runbooks/storage/code-fences',
  'content/runbooks/storage/prototype-names.md': 'runbooks/storage/prototype-names',
};
/** Files hostile cases load; not pages, not cases themselves. */
const SUPPORT_FILES = ['content/remark-evil-plugin.mjs', 'content/runbooks/mdx/Evil.astro', 'content/runbooks/mdx/evil-helper.ts'];
/** The contract's warnings; every other rule a case expects is an error. */
const WARNING_RULES = new Set(['removed-html', 'name-collision', 'code-language']);
/** Rules whose pages are still built (sanitised); every other rule a case expects leaves its page out. */
const BUILT_RULES = new Set(['unsafe-html', 'removed-html', 'name-collision', 'content-config']);

/** What `names/terminal-escape.md` writes: move up a line, clear it, print a green "0 errors" over the real count, set the window title. */
// eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
const TERMINAL_PAYLOAD = /\u001b\[(?:1A|2K|2J|H)|\u001b\]0;/;

const CHECK_TIMEOUT = 60_000;
const BUILD_TIMEOUT = 240_000;
const LINT_TIMEOUT = 60_000;

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

interface Run {
  status: number | null;
  signal: string | null;
  timedOut: boolean;
  output: string;
  ms: number;
}

/**
 * Runs a process in its own process group with a hard time limit: on timeout the whole group is
 * killed (Astro starts Pagefind as a child), so a hostile page cannot hang the suite.
 */
function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; timeout: number; cwd?: string }): Promise<Run> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? project,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // The tail is enough to diagnose a failure; a payload must not be able to fill the memory.
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-200_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ status: null, signal: null, timedOut, output: `${output}\n${error.message}`, ms: Date.now() - started });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, timedOut, output, ms: Date.now() - started });
    });
  });
}

/** Environment for the tools: the test's own, without the one-run switch unless asked for. */
function toolEnv(markDir: string, canary: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KB_TODAY: '2026-11-28',
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_DISABLE_UPDATE_CHECK: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    KB_HOSTILE_MARK_DIR: markDir,
    KB_CANARY_SECRET: canary,
    ...extra,
  };
  if (!('KB_ALLOW_HEALTH_ERRORS' in extra)) delete env.KB_ALLOW_HEALTH_ERRORS;
  return env;
}

const isPage = (file: string) => /\.mdx?$/i.test(file);
/** `content/runbooks/x/y.mdx` → `runbooks/x/y`: the page's folder in dist/. */
const urlPath = (file: string) => file.replace(/^content\//, '').replace(/\.mdx?$/i, '');
const htmlOf = (file: string) => join(dist, urlPath(file), 'index.html');
const linesOf = (entry: HostileCase) => [entry.line].flat();

/** Every path below `dir`, relative to it; symlinks are listed, never followed. */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, path));
    else out.push(path);
  }
  return out;
}

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'xlink:href',
  'poster',
  'background',
  'cite',
  'values',
  'to',
  'from',
  'by',
  'ping',
  'codebase',
]);
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base']);

interface HtmlNode {
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

/**
 * Markup that would run script or take over the page, read the way a browser reads it (parse5,
 * the WHATWG parser): a script or body stylesheet the good pages do not load, event handler
 * attributes, javascript:, vbscript: and data: URLs (entities decoded, whitespace and controls
 * stripped as browsers do), srcdoc, frames and plug-ins, `<base>`, meta refresh, `<style>` and
 * `<meta>` in `<body>`, and `style=` beyond the colour variables code highlighting sets.
 */
function unsafeMarkup(html: string, known: Set<string>): string[] {
  const problems = new Set<string>();
  const visit = (node: HtmlNode, inBody: boolean) => {
    if (node.tagName) {
      const tag = node.tagName.toLowerCase();
      const attrs = new Map((node.attrs ?? []).map((a) => [`${a.prefix ? `${a.prefix}:` : ''}${a.name.toLowerCase()}`, a.value]));
      const shown = `<${tag}${[...attrs].map(([name, value]) => ` ${name}="${value}"`).join('')}>`.slice(0, 200);
      const src = attrs.get('src');
      if (tag === 'script' && (src === undefined || !known.has(src))) problems.add(`script: ${shown}`);
      if (inBody && tag === 'link' && !known.has(attrs.get('href') ?? '')) problems.add(`<link> in body: ${shown}`);
      if (FORBIDDEN_ELEMENTS.has(tag)) problems.add(`element: ${shown}`);
      if (tag === 'meta' && /refresh/i.test(attrs.get('http-equiv') ?? '')) problems.add(`meta refresh: ${shown}`);
      if (inBody && (tag === 'style' || tag === 'meta')) problems.add(`<${tag}> in body: ${shown}`);
      // Shiki's colours name the site's code colour variables; its `diff` blocks keep the +/- marks out of a selection.
      const style = attrs.get('style');
      if (
        style !== undefined &&
        !style
          .split(';')
          .every((declaration) => /^\s*((background-)?color:\s*var\(--code-[a-z-]+\)|user-select:\s*none)?\s*$/.test(declaration))
      ) {
        problems.add(`style: ${shown}`);
      }
      for (const [name, value] of attrs) {
        // Browsers drop ASCII whitespace and control characters from URLs: `java\tscript:` is `javascript:`.
        const url = [...value]
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join('')
          .toLowerCase();
        if (name.startsWith('on')) problems.add(`event handler: ${shown}`);
        if (name === 'srcdoc') problems.add(`srcdoc: ${shown}`);
        if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/.test(url)) problems.add(`${name} URL: ${shown}`);
        if (url.includes('javascript:')) problems.add(`javascript: in ${name}: ${shown}`);
      }
    }
    const body = inBody || node.tagName === 'body';
    for (const child of node.childNodes ?? []) visit(child, body);
    if (node.content) visit(node.content, body);
  };
  visit(parse(html) as unknown as HtmlNode, false);
  return [...problems];
}

/** Links to one owner, tag, service or alert page in a built page (not to the indexes), without the base. */
function groupLinks(html: string): string[] {
  return [...html.matchAll(/href="\/kb\/((?:owners|tags|services|alerts)\/[^"]+)"/g)].map((m) => m[1]);
}

describe('hostile content: one fixture site, one case per attack', () => {
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  let markRoot: string;
  let checkJson: string;
  let generated: Generated | undefined;
  let check: Run;
  let build: Run;
  let findings: Finding[] = [];
  const known = new Set<string>();
  const mark = (phase: string) => join(markRoot, phase);

  beforeAll(
    async () => {
      for (const dir of [dist, join(fixture, '.astro'), join(fixture, 'node_modules')]) rmSync(dir, { recursive: true, force: true });
      generated = createGenerated(fixture, expected);
      markRoot = mkdtempSync(join(tmpdir(), 'kb-hostile-mark-'));
      for (const phase of ['check', 'build', 'lint']) mkdirSync(mark(phase));
      checkJson = join(markRoot, 'check.json');

      check = await run(process.execPath, ['scripts/kb.mjs', 'check', '--root', fixture, '--format', 'json', '--out', checkJson], {
        env: toolEnv(mark('check'), canary),
        timeout: CHECK_TIMEOUT,
      });
      if (existsSync(checkJson)) findings = (JSON.parse(readFileSync(checkJson, 'utf8')) as { findings: Finding[] }).findings;

      // The command users run: `astro build`, then the search index once Astro has exited
      // (scripts/build.sh). The browser run (e2e/hostile.test.ts) builds with `astro build` alone,
      // which indexes in its last hook, so both paths see the hostile pages.
      // With a cache of its own, the build's check reads every file again (the check above would
      // otherwise have cached them all), so its worker threads render the hostile pages: the
      // markup, canary and mark checks below cover the pages they rendered.
      const buildCache = join(markRoot, 'build-cache');
      build = await run('npm', ['run', '--silent', 'build', '--', '--root', fixture, '--outDir', dist], {
        env: toolEnv(mark('build'), canary, { KB_ALLOW_HEALTH_ERRORS: '1', KB_CACHE_DIR: buildCache }),
        timeout: BUILD_TIMEOUT,
      });

      // The scripts and stylesheets of the good pages are the site's own; content may add none.
      for (const url of Object.values(GOOD_PAGES)) {
        const page = join(dist, url, 'index.html');
        if (!existsSync(page)) continue;
        const html = readFileSync(page, 'utf8');
        for (const m of html.matchAll(/<(?:script|link)\b[^>]*\s(?:src|href)="(\/kb\/_astro\/[^"]+)"/g)) known.add(m[1]);
      }
    },
    CHECK_TIMEOUT + BUILD_TIMEOUT + 30_000,
  );

  afterAll(() => {
    removeGenerated(fixture, expected, generated);
    if (markRoot) rmSync(markRoot, { recursive: true, force: true });
    // The built site holds the (sanitised) attacks; KB_HOSTILE_KEEP=1 keeps it for a look.
    if (!process.env.KB_HOSTILE_KEEP) {
      for (const dir of [dist, join(fixture, '.astro'), join(fixture, 'node_modules')]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('payloads can run on this Node (they write markers with process.getBuiltinModule)', () => {
    expect(typeof process.getBuiltinModule).toBe('function');
  });

  it('check finishes in time, prints a JSON report and exits 1', () => {
    expect(check.timedOut, `check took over ${CHECK_TIMEOUT / 1000} s`).toBe(false);
    expect(existsSync(checkJson), check.output).toBe(true);
    expect(check.status, check.output).toBe(1);
  });

  it.each(Object.entries(expected))('%s', (file, entry) => {
    const places = new Set([file, ...(entry.collidesWith ? [entry.collidesWith] : [])]);
    const lines = linesOf(entry);
    const matches = findings.filter(
      (f) =>
        places.has(f.file) &&
        entry.rules.includes(f.rule) &&
        f.severity === (WARNING_RULES.has(f.rule) ? 'warning' : 'error') &&
        (f.file !== file || lines.includes(f.line)),
    );
    if (entry.rules.length > 0) {
      const seen = findings.filter((f) => places.has(f.file)).map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}: ${f.message}`);
      expect(
        matches.length,
        `expected ${entry.rules.join(' or ')} at ${file}:${lines.join(' or ')} (${entry.attack}); found:\n${seen.join('\n')}`,
      ).toBeGreaterThan(0);
    }

    const refused = entry.refused ?? matches.some((f) => !BUILT_RULES.has(f.rule));
    if (refused) {
      // A refused page (or folder, for a symlink) leaves no HTML behind.
      const target = isPage(file) ? htmlOf(file) : join(dist, urlPath(file));
      expect(existsSync(target), `${target} was built from a refused page`).toBe(false);
    } else if (isPage(file)) {
      // Every page that is not refused is written, and written inert.
      expect(existsSync(htmlOf(file)), `${htmlOf(file)} is missing`).toBe(true);
      expect(unsafeMarkup(readFileSync(htmlOf(file), 'utf8'), known)).toEqual([]);
    }
  });

  it('prints no control character a page wrote: the log shows `\\x1b`, the terminal does nothing', () => {
    expect(build.output).not.toMatch(TERMINAL_PAYLOAD);
    expect(check.output).not.toMatch(TERMINAL_PAYLOAD);
    const messages = findings.filter((f) => f.file === 'content/runbooks/names/terminal-escape.md').map((f) => f.message);
    expect(messages.join('\n')).toContain('DiskFull\\x1b[1A\\x1b[2K\\x1b[32m0 errors');
  });

  it(
    'prints the escapes, not the control characters, in the terminal report of `check`',
    async () => {
      const text = await run(process.execPath, ['scripts/kb.mjs', 'check', '--root', fixture], {
        env: toolEnv(mark('check'), canary),
        timeout: CHECK_TIMEOUT,
      });
      expect(text.output).toContain('content/runbooks/names/terminal-escape.md');
      expect(text.output).toContain('DiskFull\\x1b[1A\\x1b[2K');
      expect(text.output).not.toMatch(TERMINAL_PAYLOAD);
    },
    CHECK_TIMEOUT,
  );

  it('ran no payload: no marker from check or build', () => {
    // Each marker is named after the case (or support file) whose payload ran.
    expect({ check: readdirSync(mark('check')), build: readdirSync(mark('build')) }).toEqual({ check: [], build: [] });
  });

  it('leaks no secret and no file from outside the repository', () => {
    const published = [dist, join(fixture, '.astro'), join(fixture, 'node_modules/.astro')]
      .filter((dir) => existsSync(dir))
      .map((dir) => allText(dir))
      .join('\n');
    const logs = `${check.output}\n${build.output}\n${existsSync(checkJson) ? readFileSync(checkJson, 'utf8') : ''}`;
    expect(published.includes(canary), 'KB_CANARY_SECRET in dist/ or .astro/').toBe(false);
    expect(logs.includes(canary), 'KB_CANARY_SECRET in the check report or the logs').toBe(false);
    expect(published.includes(generated!.outsideSecret), 'a page behind a symlink out of the repository was published').toBe(false);
    const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n')[0] : '';
    if (passwd) expect(published.includes(passwd), '/etc/passwd was published').toBe(false);
  });

  it('builds in time, exits non-zero because pages were refused, and still writes every good page', () => {
    expect(build.timedOut, `build took over ${BUILD_TIMEOUT / 1000} s`).toBe(false);
    expect(build.signal, build.output.slice(-5000)).toBeNull();
    expect(build.status, build.output.slice(-5000)).not.toBe(0);
    for (const url of Object.values(GOOD_PAGES)) expect(existsSync(join(dist, url, 'index.html')), url).toBe(true);
    expect(existsSync(join(dist, 'alerts/HostileFixtureDnsLatency/index.html'))).toBe(true);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('<title>Hostile fixture KB</title>');
    // The pages came from the health check's worker threads (see the build's cache above).
    expect(build.output).toMatch(
      /runbooks: \d+ pages rendered, 0 pages unchanged since the last build; [1-9]\d* of them rendered by the health check's worker threads/,
    );
  });

  it('keeps highlighting on after code fences named `toString`, `constructor`, `__proto__` (the shared highlighter)', () => {
    const html = readFileSync(join(dist, 'runbooks/storage/code-fences/index.html'), 'utf8');
    expect(html.match(/data-language="plaintext"/g)).toHaveLength(4);
    expect(html).toContain('data-language="ini"');
    expect(html).toMatch(/data-language="diff"[\s\S]*<span style="user-select: none;">\+<\/span>/);
    expect(html).toMatch(/<span style="color:var\(--code-[a-z-]+\)">\[storage\]/i);
  });

  it('sends alerts and tags named `constructor`, `toString`, `__proto__` to their page (no Object.prototype member found)', () => {
    const alerts = JSON.parse(readFileSync(join(dist, 'alerts.json'), 'utf8')) as Record<string, { url: string }>;
    const page = '/kb/runbooks/storage/prototype-names/';
    expect(
      ['constructor', 'toString', 'hasOwnProperty', '__proto__'].map((alert) => [alert, Object.hasOwn(alerts, alert) && alerts[alert].url]),
    ).toEqual([
      ['constructor', page],
      ['toString', `${page}#when-tostring-fires`],
      ['hasOwnProperty', page],
      ['__proto__', page],
    ]);
    expect(readFileSync(join(dist, 'alerts/constructor/index.html'), 'utf8')).toContain(`url=${page}"`);
    expect(readFileSync(join(dist, 'tags/constructor/index.html'), 'utf8')).toContain(`href="${page}"`);
    // A callout type that is not one of the component's own reads as a note.
    expect(readFileSync(join(dist, 'runbooks/storage/disk-full/index.html'), 'utf8')).toMatch(
      /<aside class="callout note" aria-label="Note"[^>]*>\s*<strong[^>]*>Note<\/strong>\s*A type the component does not know/,
    );
    // No function's source reached a message, a page or the alert list.
    expect(`${check.output}\n${build.output}\n${allText(dist)}`).not.toContain('[native code]');
  });

  it('reports no error on the good pages and builds them inert too', () => {
    const errors = findings.filter((f) => f.file in GOOD_PAGES && f.severity === 'error');
    expect(errors.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`)).toEqual([]);
    for (const url of Object.values(GOOD_PAGES)) {
      const html = readFileSync(join(dist, url, 'index.html'), 'utf8');
      expect(unsafeMarkup(html, known), url).toEqual([]);
    }
    // Braces in code stay text in MDX, and `{…}` in a `.md` page is prose: names, never values.
    expect(readFileSync(join(dist, 'runbooks/storage/disk-full/index.html'), 'utf8')).toContain('process.env.KB_CANARY_SECRET');
    // A callout type the component does not know is a note on the page, and a warning in the check.
    expect(findings.filter((f) => f.rule === 'callout-type').map((f) => `${f.file}:${f.line} ${f.severity}: ${f.message}`)).toEqual([
      'content/runbooks/storage/disk-full.mdx:14 warning: Unexpected callout type `constructor`, expected `note`, `warning`, `danger`',
    ]);
  });

  const SITE_MARKUP =
    /^(alerts\/[^/]+\/index\.html: meta refresh: <meta http-equiv="refresh" content="0; url=\/kb\/[^"]*">|(index|search\/index)\.html: <link> in body: <link rel="modulepreload" href="\/kb\/pagefind\/pagefind\.js">)$/;
  it('writes nothing a page put into an attribute as markup, on any built page (lists, tags, /health included)', () => {
    const problems = walk(dist)
      .filter((file) => file.endsWith('.html'))
      .flatMap((file) => unsafeMarkup(readFileSync(join(dist, file), 'utf8'), known).map((problem) => `${file}: ${problem}`))
      // The site's own: alert addresses redirect to their runbook, the search box preloads Pagefind.
      .filter((problem) => !SITE_MARKUP.test(problem));
    expect(problems).toEqual([]);
    // The values themselves arrive whole: the quote is in the attribute, not after it.
    const list =
      readFileSync(join(dist, 'index.html'), 'utf8') +
      readFileSync(join(dist, 'runbooks/html/frontmatter-attribute-breakout/index.html'), 'utf8');
    expect(list).toContain('content="https://grafana.example/d/x?b=2&&#34;onfocus=&#34;window.__kbXss=1&#34; autofocus=&#34;"');
  });

  it('keeps owner, tag, service and alert pages inside their folders', () => {
    const html = walk(dist).filter((file) => file.endsWith('.html'));
    const allowed =
      /^(404\.html|index\.html|(pages|health|search|alerts|owners|tags|services)\/index\.html|(alerts|owners|tags|services)\/[^/]+\/index\.html|(runbooks|guides)\/.+\/index\.html)$/;
    expect(html.filter((file) => !allowed.test(file))).toEqual([]);
    // Only alert pages redirect; a name like `..` must not turn the home page or an index into one.
    const redirects = html.filter((file) => /http-equiv="refresh"/i.test(readFileSync(join(dist, file), 'utf8')));
    expect(redirects.filter((file) => !/^alerts\/[^/]+\/index\.html$/.test(file))).toEqual([]);
    // Every group link of a built page stays one segment deep in its folder and leads to a page.
    const problems: string[] = [];
    for (const file of html.filter((f) => /^(runbooks|guides)\//.test(f))) {
      for (const link of groupLinks(readFileSync(join(dist, file), 'utf8'))) {
        const match = /^(owners|tags|services|alerts)\/([^/?#]+)\/(#.*)?$/.exec(link);
        const segment = match ? decodeURIComponent(match[2]) : '';
        if (!match || segment === '.' || segment === '..' || /[/\\?#]/.test(segment)) problems.push(`${file}: ${link}`);
        else if (!existsSync(join(dist, match[1], segment, 'index.html'))) problems.push(`${file}: ${link} (no page)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(
    'npm run lint loads no configuration or plugin from content/ and finishes in time',
    async () => {
      const script = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.lint;
      const tokens = script.split(/\s+/).filter(Boolean);
      const env = toolEnv(mark('lint'), canary, { PATH: `${join(project, 'node_modules/.bin')}:${process.env.PATH ?? ''}` });
      while (/^[A-Z_]+=/.test(tokens[0] ?? '')) {
        const [name, ...value] = tokens.shift()!.split('=');
        env[name] = value.join('=');
      }
      // The same command as `npm run lint`, pointed at the fixture: `--root` for the project's own
      // tool, or the fixture's content folder in place of `content` for a bare `remark content …`.
      const at = tokens.indexOf('content');
      if (at > 0) tokens[at] = join('test/fixtures/hostile', 'content');
      else tokens.push('--root', fixture);
      const lint = await run(tokens[0], tokens.slice(1), { env, timeout: LINT_TIMEOUT });
      // Its messages quote a reference label full of control characters, escaped as `check` does.
      expect(lint.output).toContain('names/control-characters.md');
      expect(lint.output).toContain('the \\x1b(0 page\\x07');
      expect(lint.output).not.toContain('\u001b(0');
      // Exit status and findings are the linter's business; here: nothing from content/ ran, and it ended.
      expect(
        { markers: readdirSync(mark('lint')), timedOut: lint.timedOut, exited: lint.status !== null },
        lint.output.slice(-3000),
      ).toEqual({
        markers: [],
        timedOut: false,
        exited: true,
      });
    },
    LINT_TIMEOUT + 30_000,
  );

  it('never leaves a generated case where git would pick it up', () => {
    // A 2 MB page and a symlink to /etc/passwd exist only while this suite runs; the fixture's
    // .gitignore keeps a commit made meanwhile from taking them.
    const ignored = readFileSync(join(fixture, '.gitignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => line.trim().replace(/^\//, ''));
    const generatedFiles = Object.keys(expected).filter((file) => expected[file].generated);
    const covered = (file: string) => ignored.some((pattern) => (pattern.endsWith('/') ? file.startsWith(pattern) : file === pattern));
    expect(generatedFiles.filter((file) => !covered(file))).toEqual([]);
  });

  it('has an expectation for every file under content/, at a line the file has', () => {
    const listed = new Set([...Object.keys(GOOD_PAGES), ...SUPPORT_FILES, ...Object.keys(expected)]);
    const files = walk(join(fixture, 'content')).map((path) => `content/${path}`);
    expect(files.filter((file) => !listed.has(file))).toEqual([]);
    for (const [file, entry] of Object.entries(expected)) {
      const path = join(fixture, file);
      if (!lstatSync(path, { throwIfNoEntry: false })) throw new Error(`${file} is in expected.json but missing`);
      if (lstatSync(path).isSymbolicLink()) continue;
      const count = readFileSync(path, 'utf8').split('\n').length;
      for (const line of linesOf(entry)) expect(line, file).toBeLessThanOrEqual(count);
    }
  });
});
