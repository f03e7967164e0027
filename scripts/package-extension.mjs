// `npm run package`: the VS Code extension as a .vsix (out/mplan-vscode.vsix),
// from the built extension/ folder (npm run build fills extension/dist and the
// copies beside it). Works offline: the bundles carry every dependency, so
// vsce is told not to look for node_modules.
import { createVSIX } from '@vscode/vsce';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const manifest = JSON.parse(readFileSync(new URL('../extension/package.json', import.meta.url), 'utf8'));
if (manifest.version !== root.version) {
    console.error(`package: extension/package.json has version ${manifest.version}, package.json ${root.version}; they must match`);
    process.exit(1);
}
const packagePath = path.resolve(process.argv[2] ?? 'out/mplan-vscode.vsix');
try {
    await createVSIX({ cwd: new URL('../extension', import.meta.url).pathname, packagePath, dependencies: false });
} catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
}
