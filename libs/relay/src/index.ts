// The relay: committed events onto the bus under the public contract.
export * from './lib/relay';
export * from './lib/public-encoder';
