declare module 'virtual:runbook-kb/health' {
  const report: import('./lib/health/engine').HealthReport;
  export default report;
}
declare module 'virtual:runbook-kb/config' {
  const config: import('./lib/shared/config').KbConfig;
  export default config;
}
