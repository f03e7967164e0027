import { GrammarUtils } from 'langium';
import type { Segment } from '../generated/ast.js';
import { addTarget, isInfluencerOnly } from './market-util.js';
import type { Fix, Rule } from './rule.js';
import { listed } from '../wording.js';

export const indirectWithoutDecider: Rule = {
    id: 'indirect-without-decider',
    severity: 'warning',
    area: 'market',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '004 #1',
    description: 'An influencer segment that does not name the segment that decides, or a strategy that targets only influencers.',
    check(model, report) {
        // Segments this file can name in a fix: those that decide (or are not marked as influencers).
        const deciders = model.all.segments.filter(s => s.name && !isInfluencerOnly(s)).map(s => s.name);
        for (const segment of model.own.segments) {
            if (!segment.name || !segment.influencer || segment.influences) continue;
            // One list for every finding (the fix leaves out the segment itself): no copy per segment.
            const example = deciders.find(name => name !== segment.name);
            report({
                node: segment,
                keyword: 'influences',
                message: `Segment '${segment.name}' influences the purchase but does not say whose decision: write the deciding segment after 'influences'${example ? ` (for example 'influences ${example}')` : ''}, so the plan reaches the people who pay as well as those who recommend.`,
                data: { segment: segment.name, deciders }
            });
        }
        let visible: Set<Segment> | undefined;
        for (const strategy of model.own.strategies) {
            if (!strategy.name || strategy.targets.length === 0) continue;
            const targets = strategy.targets.map(ref => ref.ref);
            // Unresolved targets are unresolved-reference's: no verdict on what cannot be seen.
            if (targets.some(t => t === undefined)) continue;
            const segments = [...new Set(targets as Segment[])];
            if (!segments.every(isInfluencerOnly)) continue;
            const decide = [...new Set(segments.map(s => s.influences?.ref).filter((s): s is Segment => s !== undefined && !segments.includes(s)))];
            visible ??= new Set(model.all.segments);
            const hint = decide.length > 0
                ? `Also target the segment${decide.length > 1 ? 's' : ''} they influence (${listed(decide.map(s => s.name))}).`
                : 'Also target the segment that decides.';
            report({
                node: strategy,
                property: 'targets',
                index: 0,
                message: `Strategy '${strategy.name}' targets only influencers (${listed(segments.map(s => s.name))}): they recommend but do not decide the purchase. ${hint}`,
                related: segments.map(s => ({ node: s, message: `influencer segment '${s.name}'` })),
                data: { strategy: strategy.name, deciders: decide.filter(s => visible!.has(s)).map(s => s.name) }
            });
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        const deciders = (finding.data?.deciders as string[] | undefined) ?? [];
        const at = finding.range.start;
        if (finding.data?.strategy !== undefined) {
            const strategy = model.own.strategies.find(s => s.name === finding.data!.strategy && s.targets[0]?.$refNode
                && s.targets[0].$refNode.range.start.line === at.line && s.targets[0].$refNode.range.start.character === at.character);
            if (!strategy) return [];
            return deciders.flatMap((name): Fix[] => {
                const edit = addTarget(model, strategy, name);
                return edit ? [{ title: `Target the deciding segment '${name}' too`, kind: 'safe', edits: [edit], preferred: deciders.length === 1 }] : [];
            });
        }
        const segment = model.own.segments.find(s => {
            const keyword = GrammarUtils.findNodeForKeyword(s.$cstNode, 'influences');
            return keyword && keyword.range.start.line === at.line && keyword.range.start.character === at.character;
        });
        if (!segment) return [];
        const keyword = GrammarUtils.findNodeForKeyword(segment.$cstNode, 'influences')!;
        const names = deciders.filter(name => name !== segment.name);
        return names.map((name): Fix => ({
            title: `Name '${name}' as the segment it influences`,
            kind: 'safe',
            edits: [{ range: { start: keyword.range.end, end: keyword.range.end }, newText: ` ${name}` }],
            preferred: names.length === 1
        }));
    }
};
