import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = resolve('test/fixtures/import');
const source = mkdtempSync(join(tmpdir(), 'kb-import-source-'));
const project = mkdtempSync(join(tmpdir(), 'kb-import-project-'));
afterAll(() => [source, project].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function kb(tool: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [resolve('scripts/kb.mjs'), tool, '--root', project, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KB_TODAY: '2026-11-28', NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every file under the project's content folder → its bytes, to compare runs. */
function snapshot(): Map<string, string> {
  const dir = join(project, 'content');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.\w+$/.test(file));
  return new Map(files.sort().map((file) => [file, readFileSync(join(dir, file), 'base64')]));
}

describe('npm run import on a git checkout of alert runbooks', () => {
  beforeAll(() => {
    cpSync(join(fixtures, 'alert-runbooks'), source, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: source,
        env: { ...process.env, GIT_AUTHOR_DATE: '2025-06-30T12:00:00Z', GIT_COMMITTER_DATE: '2025-06-30T12:00:00Z' },
        stdio: 'ignore',
      });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'runbooks');
    mkdirSync(join(project, 'content/guides'), { recursive: true });
    writeFileSync(join(project, 'content/guides/start.md'), '---\ntitle: Start\nowner: sre\nlast-reviewed: 2026-11-01\n---\n\nHello.\n');
  });

  it('writes nothing with --dry-run, then imports with each file’s last commit date', () => {
    const dry = kb('import', source, '--into', 'k8s', '--owner', 'sre', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Would import 7 page(s)');
    expect([...snapshot().keys()]).toEqual(['guides/start.md']);

    const run = kb('import', source, '--into', 'k8s', '--owner', 'sre');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 7 page(s)');
    expect(run.stdout).toContain('Symptoms: 3 from Meaning sections, 1 "Alert <Name> is firing" (no text said what is seen)');
    expect(run.stdout).toMatch(/alerts\/etcd\/etcdNoLeader\.md:21: `\.\.\/node\/`: a folder with no README or index page/);
    const page = readFileSync(join(project, 'content/runbooks/k8s/alerts/etcd/etcd-no-leader.md'), 'utf8');
    expect(page).toContain('last-reviewed: 2025-06-30');
  });

  it('refuses to overwrite without --force, and gives the same bytes when run again with it', () => {
    const before = snapshot();
    const again = kb('import', source, '--into', 'k8s', '--owner', 'sre');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exist under content/');
    expect(again.stderr).toContain('Nothing was imported.');
    const forced = kb('import', source, '--into', 'k8s', '--owner', 'sre', '--force', '--format', 'json');
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).overwritten).toHaveLength(7);
    expect(snapshot()).toEqual(before);
  });

  it('leaves a knowledge base the checker reads to the end: findings with file:line, no crash', () => {
    const check = kb('check', '--format', 'json');
    expect(check.status, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout);
    const dangling = report.findings.filter((finding: { rule: string }) => finding.rule === 'dangling-link');
    expect(dangling.map((finding: { file: string; line: number }) => `${finding.file}:${finding.line}`).sort()).toEqual([
      'content/runbooks/k8s/alerts/etcd/etcd-no-leader.md:29',
      'content/runbooks/k8s/alerts/kube-state-metrics/kube-pod-crash-looping.md:27',
    ]);
    expect(
      report.findings.filter(
        (finding: { rule: string; severity: string }) => finding.severity === 'error' && finding.rule !== 'dangling-link',
      ),
    ).toEqual([]);
  });

  it('says why it cannot import: usage mistakes exit 2, a source outside git without --reviewed exits 1', () => {
    expect(kb('import').status).toBe(2);
    expect(kb('import', source, '--format', 'yaml').stderr).toContain('Unexpected `--format yaml`');
    const loose = mkdtempSync(join(tmpdir(), 'kb-import-loose-'));
    cpSync(join(fixtures, 'multi-alert'), loose, { recursive: true });
    const noGit = kb('import', loose, '--into', 'x', '--owner', 'sre');
    rmSync(loose, { recursive: true, force: true });
    expect(noGit.status).toBe(1);
    expect(noGit.stderr).toMatch(/is not a git checkout.*pass `--reviewed YYYY-MM-DD`/);
  });
});
