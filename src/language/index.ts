/**
 * The language core's public API, for hosts other than the CLI and the
 * server (the benchmark, later the extension's preview): one way to get the
 * services, the loader, the registry and the engine.
 */
export { createMplanServices, type MplanServices } from './mplan-module.js';
export { loadPlans, type LoadResult } from './workspace/plan-loader.js';
export { RULES, ruleById } from './rules/index.js';
export { runRules } from './rules/engine.js';
export { PlanModel } from './model/plan-model.js';
export { DEFAULT_SETTINGS } from './config/settings.js';
export { DocumentState, EmptyFileSystem, URI } from 'langium';
