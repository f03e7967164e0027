import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Numbers may group digits with underscores (`45_000`); everything else is
 * Langium's default conversion.
 */
export class MplanValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'NUMBER') {
            return Number(input.replaceAll('_', ''));
        }
        return super.runConverter(rule, input, cstNode);
    }
}
