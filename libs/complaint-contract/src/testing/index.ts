export * from './json-schema-check';
export * from './shape-arbitraries';
