declare module 'virtual:runbook-kb/health' {
  const report: import('./lib/health').HealthReport;
  export default report;
}
declare module 'virtual:runbook-kb/config' {
  const config: import('./lib/config').KbConfig;
  export default config;
}
