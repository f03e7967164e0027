/**
 * The channels of the language in one table: whether each reaches people
 * online or offline, and whether it is paid (you buy the reach), owned (you
 * publish to people you already reach) or earned (others pass it on).
 * The rules (online and offline harmony, habits, dependence on one channel),
 * completion's details, hover and the report's budget split read it; a test
 * holds it to the grammar's list of channels.
 */
import type { Channel } from '../generated/ast.js';

export type ChannelMedia = 'paid' | 'owned' | 'earned';

export interface ChannelFacts {
    online: boolean;
    media: ChannelMedia;
    /** What it is, in a few words (completion's detail, the report). */
    what: string;
}

export const CHANNELS: Readonly<Record<Channel, ChannelFacts>> = {
    seo: { online: true, media: 'earned', what: 'search engine optimisation' },
    ppc: { online: true, media: 'paid', what: 'pay-per-click ads' },
    social: { online: true, media: 'owned', what: 'social media posts' },
    email: { online: true, media: 'owned', what: 'e-mail to your list' },
    blog: { online: true, media: 'owned', what: 'your blog' },
    content: { online: true, media: 'owned', what: 'articles, guides and other content' },
    display: { online: true, media: 'paid', what: 'display and banner ads' },
    affiliate: { online: true, media: 'paid', what: 'affiliates paid per sale' },
    video: { online: true, media: 'owned', what: 'videos you publish' },
    forum: { online: true, media: 'earned', what: 'forums and communities' },
    webinar: { online: true, media: 'owned', what: 'webinars' },
    influencer: { online: true, media: 'paid', what: 'influencers and creators' },
    podcast: { online: true, media: 'owned', what: 'a podcast, yours or as a guest' },
    sms: { online: true, media: 'owned', what: 'text messages to your list' },
    referral: { online: true, media: 'earned', what: 'customers referring customers' },
    retargeting: { online: true, media: 'paid', what: 'ads to people who visited or acted' },
    marketplace: { online: true, media: 'paid', what: 'a marketplace storefront (Etsy, Amazon)' },
    reviews: { online: true, media: 'earned', what: 'review and rating sites' },
    push: { online: true, media: 'owned', what: 'push notifications' },
    messaging: { online: true, media: 'owned', what: 'messaging apps (WhatsApp, Messenger)' },
    print: { online: false, media: 'paid', what: 'print ads' },
    radio: { online: false, media: 'paid', what: 'radio ads' },
    tv: { online: false, media: 'paid', what: 'TV ads' },
    mail: { online: false, media: 'paid', what: 'direct mail' },
    postcard: { online: false, media: 'paid', what: 'postcards' },
    event: { online: false, media: 'owned', what: 'events and fairs' },
    outdoor: { online: false, media: 'paid', what: 'billboards and posters' },
    pr: { online: false, media: 'earned', what: 'press and public relations' },
    phone: { online: false, media: 'owned', what: 'phone calls' }
};

/** Channels that reach people online; every other channel is offline. */
export const ONLINE_CHANNELS: ReadonlySet<Channel> = new Set(
    (Object.keys(CHANNELS) as Channel[]).filter(channel => CHANNELS[channel].online)
);

export function channelFacts(channel: string | undefined): ChannelFacts | undefined {
    return channel !== undefined && Object.hasOwn(CHANNELS, channel) ? CHANNELS[channel as Channel] : undefined;
}

export function isOnline(channel: Channel | undefined): boolean {
    return channel !== undefined && ONLINE_CHANNELS.has(channel);
}

export function isOffline(channel: Channel | undefined): boolean {
    return channel !== undefined && channelFacts(channel) !== undefined && !ONLINE_CHANNELS.has(channel);
}

/** Channels whose tactics publish content on a schedule: `content-without-cadence` asks them for one. */
export const PUBLISHING_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['content', 'blog', 'social', 'video', 'podcast']);
