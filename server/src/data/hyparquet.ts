// hyparquet is an ECMAScript module and the server is CommonJS: its types are
// imported as an ES import would see them, and the module itself is loaded
// with a dynamic import(), once.
export type { AsyncBuffer, ColumnMetaData, FileMetaData, SchemaElement, SchemaTree } from 'hyparquet' with {
  'resolution-mode': 'import',
};

export type Hyparquet = typeof import('hyparquet', { with: { 'resolution-mode': 'import' }});

let loaded: Promise<Hyparquet> | undefined;

export function loadHyparquet(): Promise<Hyparquet> {
  loaded ??= import('hyparquet');
  return loaded;
}
