declare module 'virtual:runbook-kb/health' {
  const report: import('./lib/health').HealthReport;
  export default report;
}
