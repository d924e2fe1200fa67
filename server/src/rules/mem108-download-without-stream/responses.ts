// Responses of `requests` whose body is read whole: `requests.get(url)` (and
// post, request, and the same methods of a `requests.Session()`) called in
// place, or a name bound only to such calls whose other uses would all work
// on a streamed response (its status, headers, URL), so that `stream=True`
// and `iter_content()` could replace the one read of the body.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { isField, unparenthesized } from '../../semantics/syntax';
import { type NameUses, reboundBefore, usesOfName } from '../../semantics/uses';
import { boundValues } from '../open-files';

const REQUEST_FUNCTIONS: ReadonlySet<string> = new Set(
  ['get', 'post', 'request'].flatMap((method) => [`requests.${method}`, `requests.api.${method}`]),
);
const SESSION_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'request']);
const SESSION_MAKERS: ReadonlySet<string> = new Set([
  'requests.Session',
  'requests.session',
  'requests.sessions.Session',
]);

/** What a streamed response gives as the whole one does: reading them leaves the body unread. */
const STREAMING_USES: ReadonlySet<string> = new Set([
  'status_code',
  'ok',
  'headers',
  'raise_for_status',
  'url',
  'reason',
  'encoding',
  'close',
  'elapsed',
  'cookies',
  'history',
  'is_redirect',
  'links',
  'request',
]);

/** Whether `response` of `response.content` is a request made in place, or a name for such requests read only there. */
export function isWholeResponse(response: Node, facts: DocumentFacts): boolean {
  if (response.type !== 'identifier') return isRequest(response, facts);
  const values = boundValues(facts, response);
  if (!values?.length || !values.every((value) => isRequest(value, facts))) return false;
  const uses = usesOfName(facts, response);
  return (
    uses?.reads.every(
      (read) => read.id === response.id || readsNoBody(read) || readsAnotherResponse(uses, read, response),
    ) === true
  );
}

/**
 * Whether a binding that surely runs between them makes `read` see another
 * response than `response` does: `r = requests.get(a)` … `r.content` …
 * `r = requests.get(b)` … `r.content`, each read its own download.
 */
function readsAnotherResponse(uses: NameUses, read: Node, response: Node): boolean {
  return read.startIndex > response.endIndex
    ? reboundBefore(uses, read, response.endIndex)
    : reboundBefore(uses, response, read.endIndex);
}

/** `requests.get(…)` and its kin, or `session.get(…)` of a `requests.Session()`. */
function isRequest(value: Node, facts: DocumentFacts): boolean {
  if (value.type !== 'call') return false;
  const callee = value.childForFieldName('function');
  if (!callee) return false;
  if (REQUEST_FUNCTIONS.has(facts.qualifiedName(callee) ?? '')) return true;
  if (callee.type !== 'attribute' || !SESSION_METHODS.has(callee.childForFieldName('attribute')?.text ?? ''))
    return false;
  const session = callee.childForFieldName('object');
  return session !== null && isSession(unparenthesized(session), facts);
}

function isSession(session: Node, facts: DocumentFacts): boolean {
  const values = session.type === 'identifier' ? boundValues(facts, session) : [session];
  return (values?.length ?? 0) > 0 && values!.every((value) => isSessionMaker(value, facts));
}

function isSessionMaker(value: Node, facts: DocumentFacts): boolean {
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  return callee !== null && SESSION_MAKERS.has(facts.qualifiedName(callee) ?? '');
}

/** `response.status_code`, `response.raise_for_status()`: a use a streamed response serves without its body. */
function readsNoBody(read: Node): boolean {
  const attribute = read.parent;
  return (
    attribute?.type === 'attribute' &&
    isField(attribute, 'object', read) &&
    STREAMING_USES.has(attribute.childForFieldName('attribute')?.text ?? '')
  );
}
