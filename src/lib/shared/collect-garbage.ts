import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Runs V8's full garbage collection now, in this thread. Node has no API for it without starting
 * with `--expose-gc`; the flag can be set at run time, and a context made while it is set holds
 * the `gc` function (as Jest's leak detector gets it). The flag is cleared at once, so no other
 * context of the build sees a `gc` global.
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    try {
      collect = runInNewContext('gc') as () => void;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  collect();
}
