import type { Channel } from '../generated/ast.js';

/** Channels that reach people online; every other channel is offline. */
export const ONLINE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
    'seo', 'ppc', 'social', 'email', 'blog', 'content', 'display', 'affiliate', 'video', 'forum', 'webinar', 'influencer'
]);

export function isOnline(channel: Channel | undefined): boolean {
    return channel !== undefined && ONLINE_CHANNELS.has(channel);
}

export function isOffline(channel: Channel | undefined): boolean {
    return channel !== undefined && !ONLINE_CHANNELS.has(channel);
}
