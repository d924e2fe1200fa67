// The size model of each CPython version against a real interpreter of that
// version, with the oracle cases of test/estimates/oracle.slow.test.ts: Debian's 3.9 and 3.13
// (scripts/pythons/install.sh), or any python3.X on PATH. The version python3
// itself is (3.11 here) is test/estimates/oracle.slow.test.ts's. A missing interpreter skips its
// version, except under CI for the ones install.sh provides.
import { describeOracle } from '../support/oracle';
import { forOtherInterpreters } from '../support/pythons';

forOtherInterpreters(
  (version) => `size estimates for CPython ${version}`,
  (python, version) => describeOracle(python, version),
);
