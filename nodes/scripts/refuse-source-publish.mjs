// The nodes folder's package.json points at TypeScript sources for the repository's own use; the
// published package is the one `npm run build -w nodes` writes into nodes/dist.
process.stderr.write('Publish the built package instead: npm run build -w sdk && npm run build -w nodes && npm publish ./nodes/dist\n');
process.exit(1);
