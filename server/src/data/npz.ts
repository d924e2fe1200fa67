// np.load("x.npz"): a zip archive of .npy members (np.savez stores them,
// np.savez_compressed deflates them). np.load returns an NpzFile that loads a
// member only when it is indexed (np.load(p)["a"]), so each member is
// reported on its own, and the archive's bytes are what loading every member
// would hold. Only the zip's central directory and each member's .npy header
// are read (deflated members: a bounded slice, inflated until the header ends).
import { DEFAULT_SAMPLE_LIMITS, type DataEstimate, type SampleLimits } from './dataEstimate';
import { arrayEstimate, checkedNpyHeader, checkedNpyHeaderSpan } from './npy';
import { NPY_PREFIX_BYTES } from './npyHeader';
import { NotEstimated, reasonOf, SampleLimitReached, withSampledFileAsync, type SampledFile } from './regularFile';
import { openZipArchive, type ZipArchive, type ZipMember } from './zipArchive';

const NPY_SUFFIX = '.npy';

/** One member as NpzFile names it (the file name less '.npy'), with its array or why there is none. */
interface NpzMemberEstimate {
  readonly name: string;
  readonly shape?: readonly number[];
  readonly dtype?: string;
  /** ndarray.nbytes once loaded; undefined with a reason. */
  readonly bytes?: number;
  readonly reason?: string;
}

/** A DataEstimate with the archive's members: the whole archive, or the one member asked for. */
interface NpzEstimate extends DataEstimate {
  readonly members: readonly NpzMemberEstimate[];
}

export type NpzEstimateResult =
  | { readonly estimate: NpzEstimate; readonly reason?: undefined }
  | { readonly estimate?: undefined; readonly reason: string };

/** The key NpzFile gives a member: its file name without '.npy' (other files keep their names). */
function keyOf(member: ZipMember): string {
  return member.name.endsWith(NPY_SUFFIX) ? member.name.slice(0, -NPY_SUFFIX.length) : member.name;
}

async function memberArray(archive: ZipArchive, member: ZipMember, fileBytes: number): Promise<DataEstimate> {
  const span = checkedNpyHeaderSpan(await archive.leadingBytes(member, NPY_PREFIX_BYTES));
  const header = checkedNpyHeader(span, await archive.leadingBytes(member, span.start + span.length));
  return arrayEstimate(header, 'npz', fileBytes, member.uncompressedSize);
}

async function memberEstimate(
  archive: ZipArchive,
  member: ZipMember,
  fileBytes: number,
): Promise<{ member: NpzMemberEstimate; array?: DataEstimate }> {
  const name = keyOf(member);
  // NpzFile returns the raw bytes of a member that is not an .npy file.
  if (!member.name.endsWith(NPY_SUFFIX))
    return { member: { name, reason: 'not estimated: not an .npy member (np.load returns its bytes)' } };
  try {
    const array = await memberArray(archive, member, fileBytes);
    return { member: { name, shape: array.shape!, dtype: array.dtype!, bytes: array.bytes }, array };
  } catch (error) {
    // Running out of sample budget stops the whole look; a bad member only marks that member.
    if (error instanceof SampleLimitReached) throw error;
    return { member: { name, reason: reasonOf(error) } };
  }
}

/** NpzFile.__getitem__ accepts a member's key or its file name. */
function findMember(archive: ZipArchive, name: string): ZipMember {
  const found = archive.members.find((member) => member.name === name || keyOf(member) === name);
  if (!found) throw new NotEstimated(`the archive has no member '${name}'`);
  return found;
}

async function oneMember(archive: ZipArchive, name: string, fileBytes: number): Promise<NpzEstimate> {
  const { member, array } = await memberEstimate(archive, findMember(archive, name), fileBytes);
  if (!array) throw new NotEstimated(`member '${name}': ${member.reason!.replace(/^not estimated: /, '')}`);
  return { ...array, members: [member] };
}

async function wholeArchive(archive: ZipArchive, fileBytes: number): Promise<NpzEstimate> {
  const members: NpzMemberEstimate[] = [];
  for (const member of archive.members) members.push((await memberEstimate(archive, member, fileBytes)).member);
  if (members.length > 0 && members.every((member) => member.bytes === undefined)) {
    throw new NotEstimated(
      `no member could be estimated (${members[0]!.name}: ${members[0]!.reason!.replace(/^not estimated: /, '')})`,
    );
  }
  return {
    format: 'npz',
    fileBytes,
    rows: undefined,
    rowsExact: false,
    bytes: members.reduce((sum, member) => sum + (member.bytes ?? 0), 0),
    // Exact when every member is an array whose size the header gives.
    bytesExact: members.every((member) => member.bytes !== undefined),
    members,
  };
}

async function estimateOpened(file: SampledFile, member: string | undefined): Promise<NpzEstimateResult> {
  const archive = await openZipArchive(file);
  try {
    return {
      estimate:
        member === undefined ? await wholeArchive(archive, file.size) : await oneMember(archive, member, file.size),
    };
  } finally {
    archive.close();
  }
}

/**
 * What np.load(path) makes reachable for an .npz archive: every member (each
 * loaded when indexed), or with `member` what np.load(path)[member] holds. Async:
 * the zip reader (yauzl) reads through callbacks.
 */
export function estimateNpz(
  path: string,
  member?: string,
  limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
): Promise<NpzEstimateResult> {
  return withSampledFileAsync(path, limits, (file) => estimateOpened(file, member));
}
