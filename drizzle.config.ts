import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; they are applied on start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/store/schema.ts',
  out: './migrations',
});
