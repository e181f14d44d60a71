import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { lintPreset } from '../../src/lint/preset.js';

/**
 * Lints files of a project with the same preset `npm run lint` uses, and returns
 * `path:line:col: reason` strings (paths from the content folder) sorted as the reporter sorts them.
 */
export async function lintFiles(root: string, paths: string[]): Promise<string[]> {
  const preset = await lintPreset(root);
  const out: string[] = [];
  for (const path of paths) {
    const processor = unified().use(remarkParse).use(preset);
    const input = { path: resolve(root, path), value: readFileSync(resolve(root, path), 'utf8'), cwd: root };
    const file = await new Promise<VFile>((done, fail) => {
      processor.run(processor.parse(input), input, (error, _tree, result) => {
        if (error || !result) fail(error);
        else done(result);
      });
    });
    const messages = [...file.messages].sort((a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1));
    for (const message of messages) {
      out.push(`${relative(resolve(root, 'content'), resolve(root, path))}:${message.line ?? 1}:${message.column ?? 1}: ${message.reason}`);
    }
  }
  return out;
}
