import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The domain is framework-free TypeScript: the web app imports its pure rules (dates, rates,
// document references) from source rather than keeping a copy that could drift.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@chidao/domain': here('../../libs/domain/src/index.ts') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // React and the router on a chunk of their own, cached across rebuilds of the app; recharts
    // stays on the chart chunk that src/components/charts.tsx loads after the figures (issue 8).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
