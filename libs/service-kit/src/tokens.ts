/** Nest injection tokens for the platform's shared infrastructure. */
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const APP_POOL = Symbol('APP_POOL');
export const RELAY_POOL = Symbol('RELAY_POOL');
export const KAFKA = Symbol('KAFKA');
export const PUBLISHER = Symbol('PUBLISHER');
export const CONTRACTS = Symbol('CONTRACTS');
export const OPENAPI = Symbol('OPENAPI');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
