import { parentPort, workerData } from 'node:worker_threads';
import type { ContentEntry } from '../content/files.js';
import { analyseEntry, type AnalysisSettings } from './analyse.js';
import { receiveRenderSettings, renderPage } from './render-share.js';

// Another core for the health check: analyses the files it is handed and sends each one's facts back.
if (parentPort && workerData) {
  const { settings, jobs, render } = workerData as {
    settings: AnalysisSettings;
    jobs: { entry: ContentEntry; bytes?: Uint8Array }[];
    /** In a build: the page is also rendered here, from the same parse (render-share.ts). */
    render?: boolean;
  };
  const port = parentPort;
  if (!render) {
    // One message a file, so the build can render a page as soon as its facts are known.
    jobs.forEach((job, index) => port.postMessage({ index, facts: analyseEntry(job.entry, job.bytes, settings) }));
  } else {
    void receiveRenderSettings(port).then(async (renderer) => {
      for (const [index, job] of jobs.entries()) {
        const parsed = {};
        const facts = analyseEntry(job.entry, job.bytes, settings, renderer && parsed);
        port.postMessage({ index, facts, rendered: renderer && (await renderPage(renderer, job, facts, parsed)) });
      }
    });
  }
}
