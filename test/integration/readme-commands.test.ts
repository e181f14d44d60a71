import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';

/** A command quoted in one of the README's shell code blocks, with the exit status its comment promises. */
interface ReadmeCommand {
  line: number;
  /** Commands of one code block belong together (an import, then a check of what it wrote). */
  block: number;
  command: string;
  status: number;
}

const README = readFileSync('README.md', 'utf8');

/** Every command of the README's `sh`/`bash`/`shell` code blocks, in order; `# exit 1: …` comments set the expected status. */
export function readmeCommands(readme: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let fence: { marker: string; shell: boolean; line: number } | undefined;
  readme.split('\n').forEach((text, index) => {
    const opening = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(text);
    if (opening && !fence) {
      fence = { marker: opening[1], shell: ['sh', 'bash', 'shell', 'console'].includes(opening[2]), line: index + 1 };
      return;
    }
    if (opening && fence && text.trim() === fence.marker) {
      fence = undefined;
      return;
    }
    if (!fence?.shell || text.trim() === '' || text.trim().startsWith('#')) return;
    const comment = /\s+#\s(.*)$/.exec(text);
    const status = Number(/^exit (\d+)/.exec(comment?.[1] ?? '')?.[1] ?? 0);
    commands.push({ line: index + 1, block: fence.line, command: (comment ? text.slice(0, comment.index) : text).trim(), status });
  });
  return commands;
}

/** A fresh copy of the project's tracked files, with its own `node_modules` folder of links to the installed packages. */
function freshCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'kb-readme-'));
  for (const file of execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean)) {
    try {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(file, join(copy, file), { verbatimSymlinks: true });
    } catch {
      // A file deleted in the work tree but still in the index.
    }
  }
  // Packages are shared; caches (.cache, .vite, .astro) stay the copy's own. `zod` is copied: the
  // site finds its own code folder through it (`codeRoot()`), and a link would lead to this one.
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync('node_modules')) {
    if (entry === 'zod') cpSync(resolve('node_modules/zod'), join(copy, 'node_modules/zod'), { recursive: true });
    else if (!entry.startsWith('.') || entry === '.bin') symlinkSync(resolve('node_modules', entry), join(copy, 'node_modules', entry));
  }
  execFileSync('git', ['init', '-q'], { cwd: copy });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.'], { cwd: copy });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'fresh clone'], { cwd: copy });
  return copy;
}

const copies: string[] = [];
afterAll(() => copies.forEach((copy) => rmSync(copy, { recursive: true, force: true })));

/** Starts a server command, waits for the address it prints to answer, then stops the whole process group. */
async function probeServer(command: string, cwd: string): Promise<{ status: number; output: string }> {
  const child = spawn('bash', ['-c', command], { cwd, detached: true, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));
  try {
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output)?.[1];
      if (url) {
        const response = await fetch(url).catch(() => undefined);
        if (response?.ok) return { status: 0, output };
      }
      const early = await Promise.race([exited, new Promise<undefined>((done) => setTimeout(() => done(undefined), 500))]);
      if (early !== undefined) return { status: early || 1, output };
    }
    return { status: 1, output: `${output}\n(no answer within 240 s)` };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

// Commands that cannot run inside the test suite itself: installing (node_modules is shared with
// the project that runs these tests) and the test commands (they would run this test again).
const NOT_HERE: Record<string, string> = {
  'npm install': 'node_modules is shared with the running tests',
  'npm test': 'it is the command running this test',
  'npm run test:e2e': 'the browser tests run in their own CI step',
};
// Commands that serve the site until stopped: started, probed over HTTP, stopped.
const SERVERS = /^(?:npm start|npm run (?:dev|preview))\b/;

describe('every command the README quotes', () => {
  const commands = readmeCommands(README);

  it('are found, in order', () => {
    expect(commands.map((entry) => entry.command)).toEqual(expect.arrayContaining(['npm install && npm start', 'npm test']));
    expect(commands.length).toBeGreaterThan(8);
  });

  it('work when pasted into a fresh clone, one after another', async () => {
    const copy = freshCopy();
    copies.push(copy);
    const failures: string[] = [];
    let block = 0;
    for (const { line, block: from, command, status } of commands) {
      // Each code block starts from the clone as it was: what one example writes is not the next one's problem.
      if (from !== block) {
        execFileSync('bash', ['-c', 'git checkout -q -- . && git clean -fdqx -e node_modules'], { cwd: copy });
        block = from;
      }
      const parts = command.split('&&').map((part) => part.trim());
      for (const part of parts) {
        if (part in NOT_HERE || /^(?:sudo )?apt-get\b/.test(part)) continue;
        const result = SERVERS.test(part)
          ? await probeServer(part, copy)
          : (() => {
              const run = spawnSync('bash', ['-c', part], {
                cwd: copy,
                encoding: 'utf8',
                env: { ...process.env, CI: 'true', NO_COLOR: '1' },
                timeout: 300_000,
              });
              return { status: run.status ?? 1, output: `${run.stdout}\n${run.stderr}` };
            })();
        if (result.status !== status)
          failures.push(`README.md:${line}: \`${part}\` exited ${result.status}, expected ${status}\n${result.output.slice(-1500)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);
});

describe('the Node versions the README names', () => {
  it('satisfy every installed package, so npm install prints no engine warning', () => {
    const named = [...README.matchAll(/Node\.js (\d+\.\d+\.\d+) or later in the \d+ line, or (\d+\.\d+\.\d+) or later/g)].flatMap(
      (match) => [match[1], match[2]],
    );
    expect(named).toEqual(['20.19.5', '22.13.0']);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>;
    };
    const unsupported: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!range) continue;
      for (const version of named)
        if (!semver.satisfies(version, range)) unsupported.push(`${path || 'runbook-kb'} needs node ${range}, not ${version}`);
    }
    expect(unsupported).toEqual([]);
  });
});
