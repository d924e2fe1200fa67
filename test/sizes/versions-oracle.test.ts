// The size model of each CPython version against a real interpreter of that
// version, with the oracle cases of oracle.test.ts: Debian's 3.9 and 3.13
// (scripts/pythons/install.sh), or any python3.X on PATH. The version python3
// itself is (3.11 here) is oracle.test.ts's. A missing interpreter skips its
// version, except under CI for the ones install.sh provides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PYTHON_VERSIONS } from '../../server/src/sizes/cpython';
import { describeOracle } from '../support/oracle';
import { interpreterFor, missingInterpreter, python3Version } from '../support/pythons';

const checkedByOracle = python3Version();

for (const version of PYTHON_VERSIONS) {
  if (version === checkedByOracle) continue;
  const python = interpreterFor(version);
  if (python) {
    describeOracle(python, version);
    continue;
  }
  const missing = missingInterpreter(version);
  if (missing.fail) {
    it(`python${version} is installed`, () => assert.fail(missing.message));
  } else {
    describe(`size estimates for CPython ${version}`, { skip: missing.message }, () => {});
  }
}
