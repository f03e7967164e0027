import { DEFAULT_SETTINGS, type Settings } from './settings.js';

/**
 * Holds the settings the language judges by. The CLI and the language server
 * set them from the project's configuration file; tests set them directly.
 * Changing them takes effect at the next build.
 */
export class SettingsProvider {
    protected current: Settings = DEFAULT_SETTINGS;

    get(): Settings {
        return this.current;
    }

    set(settings: Settings): void {
        this.current = settings;
    }
}
