export * from './contract';
export * from './envelope';
export * from './errors';
export * from './schemas';
