import { describe, expect, it } from 'vitest';
import { bestMatchingSymptom, normaliseSymptomQuery } from '../../src/lib/search/symptoms';

describe('normaliseSymptomQuery', () => {
  it.each([
    [
      'error: Requested operation is not valid: PCI device 0000:04:00.0 is in use by driver QEMU, domain instance-00000a1b',
      'error Requested operation is not valid PCI device is in use by driver QEMU domain instance',
    ],
    [
      '[ERROR] plugin/errors: 2 backend.critical-app.svc.cluster.local.localdomain. A: read udp 10.0.2.15:44249->8.8.8.8:53: i/o timeout',
      'ERROR plugin/errors backend.critical-app.svc.cluster.local.localdomain A read udp i/o timeout',
    ],
    [
      'Nov 28 13:56:39 node-7 kernel: md/raid1:md0: Disk failure on sdb1, disabling device.',
      'node-7 kernel md/raid1:md0 Disk failure on sdb1 disabling device',
    ],
    [
      '2026-11-28T03:12:45.123Z Error acquiring the state lock ID: 8f3b6c2e-1d4a-4b7e-9c2f-0a1b2c3d4e5f',
      'Error acquiring the state lock ID',
    ],
    ['pod backend-5d8f7c9b6-x2k4p CrashLoopBackOff on aa:bb:cc:dd:ee:ff fe80::1ff:fe23:4567:890a', 'pod backend CrashLoopBackOff on'],
    ['container b3a718d8b339 exited with code 137 after 0x7ffd', 'container exited with code after'],
    ['“No space left on device” writing /var/lib/docker/overlay2', 'No space left on device writing /var/lib/docker/overlay2'],
  ])('%s', (input, expected) => {
    expect(normaliseSymptomQuery(input)).toBe(expected);
  });

  it('leaves a plain description alone', () => {
    expect(normaliseSymptomQuery('curl hangs then works')).toBe('curl hangs then works');
  });
});

describe('the symptom a result shows', () => {
  it('shows the symptom that shares most words with what was pasted', () => {
    expect(bestMatchingSymptom(['curl hangs 10 s', 'PCI device is in use by driver QEMU'], 'PCI device 0000:81:00.0 in use')).toBe(
      'PCI device is in use by driver QEMU',
    );
  });
});
