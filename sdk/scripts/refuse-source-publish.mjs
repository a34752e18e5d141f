// The sdk folder's package.json points at TypeScript sources for the repository's own use; the
// published package is the one `npm run build -w sdk` writes into sdk/dist.
process.stderr.write('Publish the built package instead: npm run build -w sdk && npm publish ./sdk/dist\n');
process.exit(1);
