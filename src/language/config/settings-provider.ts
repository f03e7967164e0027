import { Emitter, type Event } from 'langium';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';

/**
 * Holds the settings the language judges by. The CLI and the language server
 * set them from the project's configuration file; tests set them directly.
 * A change takes effect at the next validation (cached plan models are
 * dropped when the settings change).
 */
export class SettingsProvider {
    protected current: Settings = DEFAULT_SETTINGS;
    protected readonly changed = new Emitter<Settings>();

    get(): Settings {
        return this.current;
    }

    set(settings: Settings): void {
        this.current = settings;
        this.changed.fire(settings);
    }

    get onChange(): Event<Settings> {
        return this.changed.event;
    }
}
