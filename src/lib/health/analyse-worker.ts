import { parentPort, workerData } from 'node:worker_threads';
import type { ContentEntry } from '../content/files.js';
import { analyseEntry, type AnalysisSettings, type ParsedBody } from './analyse.js';
import { receiveRenderSettings, renderPage } from './render-share.js';

// Another core for the health check: analyses the files it is handed and sends each one's facts
// back, one message a file, so the build can store a page as soon as its facts are known. In a
// build (`render`) it first waits for Astro's Markdown settings, then renders each published `.md`
// page from the same parse and sends the render with the facts (render-share.ts).
if (parentPort && workerData) {
  const port = parentPort;
  const { settings, jobs, render } = workerData as {
    settings: AnalysisSettings;
    jobs: { entry: ContentEntry; bytes?: Uint8Array }[];
    render?: boolean;
  };
  void (async () => {
    const renderer = render ? await receiveRenderSettings(port) : undefined;
    for (const [index, job] of jobs.entries()) {
      const parsed: ParsedBody | undefined = renderer && {};
      const facts = analyseEntry(job.entry, job.bytes, settings, parsed);
      port.postMessage({ index, facts, rendered: renderer && parsed && (await renderPage(renderer, job, facts, parsed)) });
    }
  })();
}
