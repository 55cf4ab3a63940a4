import type { Clock } from '../domain/clock.js';

export const systemClock: Clock = { nowMs: () => Date.now() };
