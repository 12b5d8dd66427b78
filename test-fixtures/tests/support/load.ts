// Drives a fixture with the load driver, starting the endings only once the fixture has accepted
// every connection (so a reset is never raced against the accept).
import { runLoad, type LoadOptions, type LoadSummary } from '../../load/driver.mjs';
import type { FixtureProcess } from './fixture-process.js';
import { waitForStatus } from './status.js';

export function loadFixture(
  fixture: FixtureProcess,
  options: Omit<LoadOptions, 'port' | 'beforeEnding'> & { connections: number },
): Promise<LoadSummary> {
  return runLoad({
    ...options,
    port: fixture.port,
    beforeEnding: () =>
      waitForStatus(
        fixture.statusUrl,
        (status) => status.openSockets === options.connections,
        `${fixture.name} to accept ${options.connections} connections`,
      ),
  });
}
