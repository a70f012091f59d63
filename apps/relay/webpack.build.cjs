// Runs webpack.config.cjs through webpack's Node API (the `api:build` target). Replaces
// `webpack-cli build`, whose current major requires Node 22. Must run inside an Nx task
// (NxAppWebpackPlugin reads the project graph and NX_TASK_TARGET_* env vars).
const webpack = require('webpack');
const config = require('./webpack.config.cjs');

webpack(config, (err, stats) => {
  if (err) {
    console.error(err.stack || err);
    process.exit(1);
  }
  console.log(stats.toString({ preset: 'errors-warnings', colors: false }) || 'api: webpack build ok');
  process.exitCode = stats.hasErrors() ? 1 : 0;
});
