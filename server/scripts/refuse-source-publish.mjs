// The server folder's package.json points at TypeScript sources for the repository's own use; the
// published package is the one `npm run build -w server` writes into server/dist.
process.stderr.write('Publish the built package instead: npm run build -w server && npm publish ./server/dist\n');
process.exit(1);
