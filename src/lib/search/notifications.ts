/**
 * What an on-call engineer pastes is often not an error but the notification about it: a Slack
 * message from Alertmanager, a PagerDuty or Opsgenie subject, a label set. The alert name in it
 * is the best key there is; the `label=value` pairs (cluster, instance, pod) are noise that
 * matches unrelated pages (`api`, `critical`).
 */

export interface ReadNotification {
  /** Alert names the notification names explicitly (`[FIRING:1] KubePodCrashLooping …`, `alertname="X"`). */
  alerts: string[];
  /** The text left to search: label pairs, severities and notification boilerplate removed. */
  text: string;
  /** `label=value` pairs and other parts left out, as written, for the "searched for" note. */
  ignored: string[];
}

const ALERT_NAME = String.raw`[A-Za-z_:][A-Za-z0-9_:]*`;
const PATTERNS: RegExp[] = [
  // Alertmanager's default Slack/e-mail title: `[FIRING:2] KubePodCrashLooping (api payments …)`.
  new RegExp(String.raw`\[(?:FIRING|RESOLVED)(?::\s*\d+)?\]\s*(${ALERT_NAME})`, 'gi'),
  // "Alerts Firing:" bodies and `Alert: Name` lines.
  new RegExp(String.raw`\balerts?\s+(?:firing|resolved)\s*:\s*(${ALERT_NAME})`, 'gi'),
  // PagerDuty: `[#1234] TRIGGERED: Name …`, `Triggered: Name`; Opsgenie: `[Prometheus]: Name`, `[Opsgenie Alert] Name`.
  new RegExp(String.raw`\b(?:TRIGGERED|ACKNOWLEDGED|RESOLVED)\s*:\s*(?:\[[^\]]*\]\s*)?(${ALERT_NAME})`, 'gi'),
  new RegExp(String.raw`^\s*\[(?:prometheus|alertmanager|grafana|opsgenie[^\]]*)\]\s*:?\s*(${ALERT_NAME})`, 'gim'),
  // Label sets: `alertname="X"`, `alertname=X`, `alertname: X`.
  new RegExp(String.raw`\balertname\s*[=:]\s*["']?(${ALERT_NAME})["']?`, 'gi'),
];
/** `key=value` and `key="value"` pairs, as label sets print them. */
const LABEL_PAIR = /\b[a-z_][a-z0-9_]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s,}]+)/gi;
const BOILERPLATE =
  /\[(?:FIRING|RESOLVED)(?::\s*\d+)?\]|\[#\d+\]|\b(?:alerts?\s+(?:firing|resolved)|TRIGGERED|ACKNOWLEDGED)\s*:|^\s*\[(?:prometheus|alertmanager|grafana|opsgenie[^\]]*)\]\s*:?/gim;
const SEVERITY_WORDS = /\b(?:critical|warning|info|page|severity)\b/gi;

/** Reads the alert names and the searchable rest of a pasted notification; plain text passes through. */
export function readNotification(raw: string): ReadNotification {
  const alerts: string[] = [];
  for (const pattern of PATTERNS) {
    for (const match of raw.matchAll(pattern)) if (!alerts.includes(match[1])) alerts.push(match[1]);
  }
  const ignored: string[] = [];
  // In a notification the label pairs (`cluster=prod-eu-1`) are noise; in a pasted log line
  // (`msg="compaction failed" err="…"`) the values are the error, so only the keys go.
  let text = raw.replace(LABEL_PAIR, (pair) => {
    if (alerts.length > 0) {
      ignored.push(pair);
      return ' ';
    }
    return ` ${pair.slice(pair.indexOf('=') + 1).replace(/^\s*["']|["']$/g, '')} `;
  });
  if (alerts.length > 0) {
    text = text.replace(BOILERPLATE, ' ');
    // Alertmanager's title lists the group's label values in parentheses after the name.
    text = text.replace(/\([^()]*\)/g, (group) => {
      ignored.push(group);
      return ' ';
    });
    // In a notification, the severity and the `(…)` label values carry no meaning of their own.
    text = text.replace(SEVERITY_WORDS, (word) => {
      ignored.push(word);
      return ' ';
    });
  }
  return { alerts, text: text.replace(/\s+/g, ' ').trim(), ignored };
}
