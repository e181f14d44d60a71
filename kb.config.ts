import { defineKbConfig } from './src/lib/shared/config.js';

// Settings for this knowledge base. Every key is optional; hover a key for its default.
export default defineKbConfig({
  title: 'Ops Runbooks',
  site: 'https://kb.example.com',
  base: '/',
  contentDir: 'content',
  editUrl: 'https://git.example.com/ops/runbook-kb/-/edit/main/{path}',
  issueUrl:
    'https://git.example.com/ops/runbook-kb/-/issues/new?issue[title]=Problem%20with%20{title}&issue[description]=Page:%20{path}%0A{url}',
  review: { runbooks: '180d', guides: '365d', dueSoonWindow: '30d' },
  health: { strict: false, failBuildOnError: true, orphanAllowList: [] },
  // Prometheus rule files: alerts without a runbook and runbook_url annotations that lead nowhere
  // are findings (README: Alert coverage).
  alertRules: ['monitoring/*.yaml'],
  // What MDX pages may import, by name and file. Each entry is code a content pull request can
  // use in the build: add one only after reviewing the component (README: Security model).
  components: { Callout: 'src/components/Callout.astro' },
});
