import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../src/config/env.js';

const root = new URL('../../../', import.meta.url);
const envExample = readFileSync(new URL('.env.example', root), 'utf8');
const readme = readFileSync(new URL('README.md', root), 'utf8');
const variables = Object.keys(EnvSchema.shape);

describe('configuration is documented', () => {
  it.each(variables)('GIVEN %s WHEN an operator reads .env.example and README THEN both name it', (name) => {
    expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(readme).toContain(`\`${name}\``);
  });

  it('GIVEN .env.example WHEN read THEN it sets nothing the bot does not know', () => {
    const set = [...envExample.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(set.filter((name) => !variables.includes(name ?? ''))).toEqual([]);
  });
});
