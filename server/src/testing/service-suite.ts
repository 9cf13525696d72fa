import { describe, test } from 'vitest';
import { serviceGate } from './services.ts';

/**
 * `describe(title, fn)` for tests that need outside servers (Postgres,
 * Redis, nginx): run when `missing` is null; otherwise skipped with a line
 * "<service> tests NOT RUN: …", or, with REQUIRE_SERVICES=1 (CI), a failing
 * test that says what is missing (`serviceGate`).
 */
export function describeWithServices(
  service: string,
  missing: string | null,
  title: string,
  fn: () => void,
): void {
  const gate = serviceGate(service, missing);
  if (gate.failure) {
    const failure = gate.failure;
    test(`${title}: ${service} is available`, () => {
      throw new Error(failure);
    });
  }
  describe.skipIf(!gate.run)(title, fn);
}
