// Node's own `import()`, for code that a bundler or module runner (Vite's, which loads
// astro.config.mjs and its integrations) would otherwise load as a second, separate instance.
module.exports = (url) => import(url);
