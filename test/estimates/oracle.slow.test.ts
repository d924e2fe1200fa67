// The size model against the machine's python3 (3.11 here): every oracle case
// (test/support/oracleCases.ts) is compared with sys.getsizeof (shallow) and an
// id()-deduplicating walk (deep) that python3 computes at test time. The other
// CPython builds are checked by test/sizes/versions-oracle.slow.test.ts.
import { describeOracle } from '../support/oracle';

describeOracle('python3');
