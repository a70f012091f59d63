// Standard webpack config around NxAppWebpackPlugin (what the inferred @nx/webpack/plugin
// expects), run through webpack's Node API by webpack.build.cjs: webpack-cli 7 needs Node 22.
// compiler 'tsc' keeps emitDecoratorMetadata (Nest DI); every node_modules package stays
// external, so @electric-sql/pglite finds its .wasm/.data files next to its own package.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/relay'), clean: true },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      outputHashing: 'none',
      optimization: false,
      sourceMap: true,
      generatePackageJson: false,
      // The `typecheck` target type-checks; the build only transpiles.
      typeCheckOptions: false,
    }),
  ],
};
