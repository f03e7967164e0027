// `npm run package`: the VS Code extension as a .vsix (out/mplan-vscode.vsix),
// from the built extension/ folder (npm run build fills extension/dist and the
// copies beside it). Works offline: the bundles carry every dependency, so
// vsce is told not to look for node_modules.
//
// vsce's own steps (read the manifest, collect and check the files, the
// .vsixmanifest), with two differences from `vsce package`:
// - the README's images are files of the package (images/), shown by VS Code
//   from the installed extension, offline: their relative links are not
//   rewritten to the repository's URLs;
// - the repository's links in the .vsixmanifest (the Marketplace's and VS
//   Code's "Repository" link) are the page the manifest names: vsce turns a
//   GitHub URL into its clone URL (…/mplan.git).
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { collect, printAndValidatePackagedFiles, readManifest } = require('@vscode/vsce/out/package.js');
const yazl = require('yazl');

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const cwd = new URL('../extension', import.meta.url).pathname;
const packagePath = path.resolve(process.argv[2] ?? 'out/mplan-vscode.vsix');
try {
    const manifest = await readManifest(cwd);
    if (manifest.version !== root.version) {
        throw new Error(`extension/package.json has version ${manifest.version}, package.json ${root.version}; they must match`);
    }
    const options = { cwd, dependencies: false, rewriteRelativeLinks: false };
    const files = await collect(manifest, options);
    await printAndValidatePackagedFiles(files, cwd, manifest, options);
    const page = manifest.repository.url;
    for (const file of files) {
        if (file.path === 'extension.vsixmanifest') file.contents = String(file.contents).replaceAll(`"${page}.git"`, `"${page}"`);
    }
    await writeVsix(files, packagePath);
} catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
}

/** The files as a zip, as vsce writes it: in-memory files from their contents, the others from disk. */
function writeVsix(files, target) {
    rmSync(target, { force: true });
    return new Promise((resolve, reject) => {
        const zip = new yazl.ZipFile();
        for (const file of files) {
            if (file.contents) zip.addBuffer(typeof file.contents === 'string' ? Buffer.from(file.contents, 'utf8') : file.contents, file.path, { mode: file.mode });
            else zip.addFile(file.localPath, file.path, { mode: file.mode });
        }
        zip.end();
        const stream = createWriteStream(target);
        zip.outputStream.pipe(stream);
        zip.outputStream.once('error', reject);
        stream.once('error', reject);
        stream.once('finish', resolve);
    });
}
