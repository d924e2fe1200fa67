// .npy and .npz estimates against numpy itself: python writes the files with
// np.save, np.savez and np.savez_compressed, and reports np.load(p).nbytes
// (and what tracemalloc sees np.load allocate). The estimate must equal
// nbytes exactly, on every CPython the suite has with numpy.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { estimateNpy } from '../../server/src/data/npy';
import { estimateNpz } from '../../server/src/data/npz';
import { dataFolder } from '../support/dataFiles';
import { forEachPython } from '../support/premise/interpreters';
import { runPythonJson } from '../support/python';

const WRITE_AND_LOAD = String.raw`
import json, sys, tracemalloc
import numpy as np
folder = json.load(sys.stdin)
rng = np.random.default_rng(0)
arrays = {
    "float64_2d": rng.random((1000, 50)),
    "int8_3d_fortran": np.asfortranarray(rng.integers(0, 100, (20, 30, 40), dtype=np.int8)),
    "structured": np.zeros(777, dtype=[("a", "<f8"), ("b", "<i4", (3,)), ("c", [("x", "u1"), ("y", "S3")])]),
    "aligned": np.zeros(100, dtype=np.dtype([("a", "u1"), ("b", "<f8")], align=True)),
    "unicode": np.array(["abc", "déjà", "x" * 10] * 100),
    "datetime": np.arange("2020-01-01", "2021-01-01", dtype="datetime64[D]").astype("datetime64[ns]"),
    "bool": rng.random(12345) < 0.5,
    "scalar": np.float32(3.5),
    "empty": np.zeros((0, 7)),
    "big_endian": np.arange(999, dtype=">i4"),
}
out = {"npy": {}, "npz": {}}
for name, value in arrays.items():
    path = f"{folder}/{name}.npy"
    np.save(path, value)
    tracemalloc.start()
    loaded = np.load(path)
    traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    out["npy"][name] = {"nbytes": int(loaded.nbytes), "shape": list(loaded.shape), "dtype": loaded.dtype.name, "traced": traced}
for name, save in (("stored", np.savez), ("compressed", np.savez_compressed)):
    path = f"{folder}/{name}.npz"
    save(path, **{key: arrays[key] for key in ("float64_2d", "structured", "bool", "scalar")})
    with np.load(path) as archive:
        out["npz"][name] = {key: int(archive[key].nbytes) for key in archive.files}
print(json.dumps(out))
`;

interface Measured {
  readonly npy: Record<string, { nbytes: number; shape: number[]; dtype: string; traced: number }>;
  readonly npz: Record<string, Record<string, number>>;
}

forEachPython(
  '.npy and .npz estimates equal np.load(p).nbytes',
  async ({ python, version }, context) => {
    const folder = dataFolder(`npy-accuracy-${version}`);
    const measured = runPythonJson<Measured>(WRITE_AND_LOAD, folder, python);
    for (const [name, truth] of Object.entries(measured.npy)) {
      const result = estimateNpy(join(folder, `${name}.npy`));
      assert.ok(result.estimate, `${name}: ${result.reason}`);
      const { estimate } = result;
      assert.deepEqual(
        [estimate.bytes, estimate.shape, estimate.dtype],
        [truth.nbytes, truth.shape, truth.dtype],
        name,
      );
      // tracemalloc also counts the array objects (and, for a view, its base): a few hundred bytes over nbytes.
      context.diagnostic(
        `${name}: estimate ${estimate.bytes} = nbytes ${truth.nbytes}; tracemalloc of np.load ${truth.traced} (+${truth.traced - truth.nbytes})`,
      );
    }
    for (const [name, members] of Object.entries(measured.npz)) {
      const result = await estimateNpz(join(folder, `${name}.npz`));
      assert.ok(result.estimate, `${name}: ${result.reason}`);
      const estimated = Object.fromEntries(result.estimate.members.map((member) => [member.name, member.bytes]));
      assert.deepEqual(estimated, members, name);
      context.diagnostic(`${name}.npz: members ${JSON.stringify(estimated)} = nbytes`);
    }
  },
  ['numpy'],
);
