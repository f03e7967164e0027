import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_URL } from '../../src/language/config/rule-docs.js';

const ROOT = join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('the project URL', () => {
    it('is the repository of the npm package and of the VS Code extension (whose links go to the page, not the .git URL)', () => {
        expect(json('package.json').repository.url).toBe(`${PROJECT_URL}.git`);
        expect(json('extension/package.json').repository.url).toBe(PROJECT_URL);
        for (const manifest of [json('package.json'), json('extension/package.json')]) {
            expect(manifest.homepage).toBe(`${PROJECT_URL}#readme`);
            expect(manifest.bugs.url).toBe(`${PROJECT_URL}/issues`);
        }
    });
});
