// The client restarts a crashed server a few times, then stops and tells the user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../client/src/restartPolicy';

test('crashes within the window are restarted up to the limit, then not', () => {
  const policy = new RestartPolicy({ maxRestarts: 3, windowMs: 1000 });
  assert.deepEqual(
    [0, 10, 20, 30, 40].map((at) => policy.crashed(at)),
    [true, true, true, false, false],
  );
  assert.match(policy.stoppedMessage, /crashed 4 times .* will not be restarted/);
});

test('crashes older than the window no longer count', () => {
  const policy = new RestartPolicy({ maxRestarts: 2, windowMs: 1000 });
  assert.deepEqual(
    [0, 500, 1600, 2100, 2200].map((at) => policy.crashed(at)),
    [true, true, true, true, false],
  );
});

test('a restart by hand starts the count over', () => {
  const policy = new RestartPolicy({ maxRestarts: 1, windowMs: 1000 });
  assert.equal(policy.crashed(0), true);
  assert.equal(policy.crashed(1), false);
  policy.reset();
  assert.equal(policy.crashed(2), true);
});

test('the default allows a few restarts in minutes', () => {
  assert.ok(DEFAULT_RESTART_POLICY.maxRestarts >= 1 && DEFAULT_RESTART_POLICY.maxRestarts <= 5);
  assert.ok(DEFAULT_RESTART_POLICY.windowMs >= 60_000);
});
