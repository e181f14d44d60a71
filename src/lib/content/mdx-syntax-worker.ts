import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { mdxSyntaxFinding, readPage } from './corpus.js';
import type { Finding } from '../health/findings.js';
import { mdxCacheKey } from './mdx-syntax.js';

/** Checks the MDX syntax of pages; the command line runs it on the second core while it reads the rest. */
export function checkMdxFiles(root: string, contentDir: string, files: string[]): { findings: Finding[]; passed: string[] } {
  const findings: Finding[] = [];
  const passed: string[] = [];
  for (const contentPath of files) {
    const source = readFileSync(join(root, contentDir, contentPath), 'utf8');
    const page = readPage(contentDir, contentPath, source);
    const finding = 'rule' in page ? undefined : mdxSyntaxFinding(page);
    if (finding) findings.push(finding);
    else passed.push(mdxCacheKey(source));
  }
  return { findings, passed };
}

if (parentPort && workerData) {
  const { root, contentDir, files } = workerData as { root: string; contentDir: string; files: string[] };
  parentPort.postMessage(checkMdxFiles(root, contentDir, files));
}
