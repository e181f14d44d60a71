import { mkdirSync } from 'node:fs';
import { launchChromium } from '../e2e/browser.js';
import { serveSite } from '../e2e/serve.js';

// Screenshots of the built site in light and dark, for looking at what readers see: `npm run screenshots`.
const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '',
      'runbooks/dns/pod-dns-lookups-slow/',
      'runbooks/openstack/gpu-migration-pci-in-use/',
      'health/',
      '?q=PCI device 0000:81:00.0 is in use by driver QEMU, domain instance-0000beef',
      'runbooks/dns/kube-dns-skydns-restart/',
      'pages/',
      'alerts/NoSuchAlert/',
    ];
const out = 'e2e/screenshots';
mkdirSync(out, { recursive: true });
const site = await serveSite('dist');
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    for (const path of pages) {
      await page.goto(site.url + path);
      await page.waitForTimeout(path.includes('?q=') || path.includes('alerts/No') ? 1500 : 200);
      const name = (path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home').slice(0, 60);
      await page.screenshot({ path: `${out}/${name}-${scheme}.png`, fullPage: false });
      console.log(`${out}/${name}-${scheme}.png`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
