/*
 * C11 declarations as they appear in an API header after preprocessing (gcc -E).
 *
 * Written for jembed. It covers what a header declares (C11 6.7 declarations, 6.7.2.1 structs and
 * unions, 6.7.2.2 enums, 6.7.6 declarators, 6.7.7 type names, 6.6 constant expressions) plus the
 * GNU extensions that project headers use (__attribute__, __extension__, __asm__ labels, the
 * __restrict/__inline/__const spellings). Function bodies and initializers are matched as balanced
 * token groups only, so that the model builder can report them.
 *
 * Typedef names: a declaration's specifiers contain either exactly one typedef name and no other type
 * specifier, or only keyword/struct/enum type specifiers (C11 6.7.2p2). The grammar encodes that split,
 * so an identifier that follows a type specifier is always a declarator and an identifier in type
 * position is always a (possibly unknown) typedef name; the model builder checks it against the known
 * typedefs and reports "unknown type name". The two remaining ambiguities, "(T)" in an expression
 * (cast or parenthesized operand) and "(T)" after a parameter's specifiers (abstract function
 * declarator or parenthesized name), are resolved by the predicate startsTypeName, which asks the
 * model builder whether an identifier currently names a type (C11 6.7.6.3p11).
 */
grammar CDecl;

@parser::members {
    private java.util.function.Predicate<String> typeNames = name -> false;

    /** Tells the parser which identifiers currently name a type (typedefs known so far). */
    public void setTypeNames(java.util.function.Predicate<String> typeNames) {
        this.typeNames = typeNames;
    }

    /** True when the token {@code i} ahead is a GNU builtin whose arguments include a type name ({@code __builtin_offsetof}). */
    boolean isBuiltinWithType(int i) {
        String name = _input.LT(i).getText();
        return name.equals("__builtin_offsetof") || name.equals("__builtin_va_arg")
                || name.equals("__builtin_types_compatible_p") || name.equals("__builtin_convertvector");
    }

    /** True when the token {@code i} ahead starts a type name: a type keyword or a known typedef name. */
    boolean startsTypeName(int i) {
        Token t = _input.LT(i);
        switch (t.getType()) {
            case KwVoid: case KwChar: case KwShort: case KwInt: case KwLong: case KwFloat: case KwDouble:
            case KwSigned: case KwSigned2: case KwSigned3: case KwUnsigned: case KwBool: case KwComplex: case KwComplex2:
            case KwInt128: case KwStruct: case KwUnion: case KwEnum: case KwConst: case KwConst2: case KwConst3:
            case KwVolatile: case KwVolatile2: case KwVolatile3: case KwAtomic: case KwAttribute: case KwAttribute2:
            case KwExtension: case KwFloatN: case KwTypeof: case KwRestrict: case KwRestrict2: case KwRestrict3:
                return true;
            case Identifier:
                return typeNames.test(t.getText());
            default:
                return false;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Entry points: one external declaration at a time (the caller registers typedefs in between),
// and a lone constant expression (the body of an object-like #define).

// After the specifiers every decision is LL(1), so that a syntax error is reported where it is, with the
// tokens that could have come there: ';' (no declarator), or a first declarator followed by a function body
// (a definition, reported by the model builder) or by an optional initializer and more declarators.
externalDeclaration
    : declarationSpecifiers (';' | declarator (functionBody | ('=' initializer)? (',' initDeclarator)* ';'))  # declaration
    | staticAssertDeclaration                                                                                # staticAssert
    | ';'                                                                                                    # emptyDeclaration
    ;

macroBody
    : constantExpression EOF
    ;

// A function-like macro's expansion, read to infer the types of its parameters (see MacroSignatures).
macroExpansion
    : commaExpression EOF
    ;

// ---------------------------------------------------------------------------------------------
// Declarations (C11 6.7)

declarationSpecifiers
    : specifierNoType* typedefName specifierNoType*
    | specifierNoType* typeSpecifier (specifierNoType | typeSpecifier)*
    ;

specifierNoType
    : storageClassSpecifier
    | typeQualifier
    | functionSpecifier
    | gnuAttribute
    | alignmentSpecifier
    | KwExtension
    ;

storageClassSpecifier
    : KwTypedef | KwExtern | KwStatic | KwAuto | KwRegister | KwThreadLocal | KwThread
    ;

typeQualifier
    : KwConst | KwConst2 | KwConst3 | KwVolatile | KwVolatile2 | KwVolatile3 | KwRestrict | KwRestrict2 | KwRestrict3
    | {_input.LA(2) != LeftParen}? KwAtomic
    ;

functionSpecifier
    : KwInline | KwInline2 | KwInline3 | KwNoreturn
    ;

alignmentSpecifier
    : KwAlignas '(' balancedTokens ')'
    ;

typeSpecifier
    : KwVoid | KwChar | KwShort | KwInt | KwLong | KwFloat | KwDouble | KwSigned | KwSigned2 | KwSigned3 | KwUnsigned
    | KwBool | KwComplex | KwComplex2 | KwInt128 | KwFloatN
    | structOrUnionSpecifier
    | enumSpecifier
    | typeofSpecifier
    | atomicTypeSpecifier
    ;

// GNU typeof (C23 typeof): the type is the compiler's to know; jembed carries it only as an unsupported type.
typeofSpecifier
    : KwTypeof '(' balancedTokens ')'
    ;

// C11 6.7.2.4: _Atomic ( type-name ).
atomicTypeSpecifier
    : KwAtomic '(' typeName ')'
    ;

typedefName
    : Identifier
    ;

initDeclarator
    : declarator ('=' initializer)?
    ;

initializer
    : initializerPart+
    ;

initializerPart
    : '(' balancedTokens ')'
    | '{' bodyTokens '}'
    | ~('(' | ')' | '{' | '}' | ',' | ';')
    ;

// C11 6.7.2.1
structOrUnionSpecifier
    : structOrUnion gnuAttribute* Identifier? '{' structDeclaration* '}'
    | structOrUnion gnuAttribute* Identifier
    ;

structOrUnion
    : KwStruct | KwUnion
    ;

structDeclaration
    : declarationSpecifiers structDeclaratorList? ';'
    | staticAssertDeclaration
    | ';'
    ;

structDeclaratorList
    : structDeclarator (',' structDeclarator)*
    ;

structDeclarator
    : declarator (':' constantExpression)? gnuAttribute*
    | ':' constantExpression gnuAttribute*
    ;

// C11 6.7.2.2
enumSpecifier
    : KwEnum gnuAttribute* Identifier? '{' enumerator (',' enumerator)* ','? '}'
    | KwEnum gnuAttribute* Identifier
    ;

enumerator
    : Identifier gnuAttribute* ('=' constantExpression)?
    ;

// C11 6.7.6
declarator
    : pointer* directDeclarator gnuSuffix*
    ;

pointer
    : '*' (typeQualifier | gnuAttribute)*
    ;

directDeclarator
    : (Identifier | '(' gnuAttribute* declarator ')') declaratorSuffix*
    ;

declaratorSuffix
    : '[' (typeQualifier | KwStatic)* constantExpression? ']'   # arraySuffix
    | '(' parameterTypeList ')'                               # functionSuffix
    | '(' ')'                                                 # noPrototypeSuffix
    ;

parameterTypeList
    : parameterDeclaration (',' parameterDeclaration)* (',' Ellipsis)?
    ;

parameterDeclaration
    : declarationSpecifiers ({!(_input.LA(1) == LeftParen && startsTypeName(2))}? declarator | abstractDeclarator)?
    ;

// C11 6.7.7
typeName
    : declarationSpecifiers abstractDeclarator?
    ;

abstractDeclarator
    : pointer+ directAbstractDeclarator? gnuSuffix*
    | directAbstractDeclarator gnuSuffix*
    ;

directAbstractDeclarator
    : ('(' gnuAttribute* abstractDeclarator ')' | declaratorSuffix) declaratorSuffix*
    ;

// C11 6.7.10
staticAssertDeclaration
    : KwExtension? KwStaticAssert '(' constantExpression (',' StringLiteral+)? ')' ';'
    ;

// GNU extensions: attributes and asm labels are matched and ignored.
gnuSuffix
    : gnuAttribute
    | asmLabel
    ;

gnuAttribute
    : (KwAttribute | KwAttribute2) '(' '(' balancedTokens ')' ')'
    | '[' '[' balancedBrackets ']' ']'
    ;

balancedBrackets
    : ('(' balancedBrackets ')' | '[' balancedBrackets ']' | ~('(' | ')' | '[' | ']'))*
    ;

asmLabel
    : (KwAsm | KwAsm2 | KwAsm3) '(' StringLiteral+ ')'
    ;

balancedTokens
    : ('(' balancedTokens ')' | ~('(' | ')'))*
    ;

functionBody
    : '{' bodyTokens '}'
    ;

bodyTokens
    : ('{' bodyTokens '}' | ~('{' | '}'))*
    ;

// ---------------------------------------------------------------------------------------------
// Constant expressions (C11 6.6, operators from 6.5). Alternatives are listed from the highest
// precedence to the lowest.

constantExpression
    : expression
    ;

// C11 6.5.17: the comma operator, inside parentheses, brackets and macro expansions.
commaExpression
    : expression (',' expression)*
    ;

expression
    : unaryExpression                                                # unaryOnly
    | expression op=('*' | '/' | '%') expression                     # binaryExpr
    | expression op=('+' | '-') expression                           # binaryExpr
    | expression op=('<<' | '>>') expression                         # binaryExpr
    | expression op=('<' | '>' | '<=' | '>=') expression             # binaryExpr
    | expression op=('==' | '!=') expression                         # binaryExpr
    | expression op='&' expression                                   # binaryExpr
    | expression op='^' expression                                   # binaryExpr
    | expression op='|' expression                                   # binaryExpr
    | expression op='&&' expression                                  # logicalExpr
    | expression op='||' expression                                  # logicalExpr
    | <assoc = right> expression '?' expression ':' expression       # conditionalExpr
    | <assoc = right> unaryExpression op=('=' | OtherPunct) expression  # assignExpr
    ;

// Casts and prefix operators (C11 6.5.3, 6.5.4). "(T) - 1" is a cast when T names a type and a subtraction
// otherwise; the predicates decide, in a rule of its own so that ANTLR evaluates them during prediction.
unaryExpression
    : {startsTypeName(2)}? '(' typeName ')' '{' bodyTokens '}' postfixSuffix*   # compoundLiteral
    | {startsTypeName(2)}? '(' typeName ')' unaryExpression          # castExpr
    | op=('+' | '-' | '~' | '!' | '*' | '&') unaryExpression         # prefixExpr
    | op=('++' | '--') unaryExpression                               # prefixExpr
    | KwSizeof {startsTypeName(2)}? '(' typeName ')'                 # sizeofExpr
    | KwSizeof unaryExpression                                       # sizeofValueExpr
    | KwAlignof '(' typeName ')'                                     # alignofExpr
    | KwExtension unaryExpression                                    # extensionExpr
    | primaryExpression postfixSuffix*                               # postfixExpr
    ;

// C11 6.5.2: subscripts, calls, members, postfix increments.
postfixSuffix
    : '[' commaExpression ']'                                        # subscriptSuffix
    | '(' (expression (',' expression)*)? ')'                        # callSuffix
    | op=('.' | '->') Identifier                                     # memberSuffix
    | op=('++' | '--')                                               # incrementSuffix
    ;

primaryExpression
    : IntegerConstant                                                # literal
    | CharacterConstant                                              # literal
    | FloatingConstant                                               # literal
    | StringLiteral+                                                 # literal
    | {isBuiltinWithType(1)}? Identifier '(' balancedTokens ')'      # builtinWithType
    | Identifier                                                     # name
    | '(' '{' bodyTokens '}' ')'                                     # statementExpr
    | KwGeneric '(' balancedTokens ')'                               # genericSelection
    | {!startsTypeName(2)}? '(' commaExpression ')'                  # parenExpr
    ;

// ---------------------------------------------------------------------------------------------
// Lexer (C11 6.4). Comments are gone after preprocessing; directives are removed by the caller.

KwTypedef      : 'typedef';
KwExtern       : 'extern';
KwStatic       : 'static';
KwAuto         : 'auto';
KwRegister     : 'register';
KwThreadLocal  : '_Thread_local';
KwThread       : '__thread';
KwConst        : 'const';
KwConst2       : '__const';
KwConst3       : '__const__';
KwVolatile     : 'volatile';
KwVolatile2    : '__volatile';
KwVolatile3    : '__volatile__';
KwRestrict     : 'restrict';
KwRestrict2    : '__restrict';
KwRestrict3    : '__restrict__';
KwAtomic       : '_Atomic';
KwInline       : 'inline';
KwInline2      : '__inline';
KwInline3      : '__inline__';
KwNoreturn     : '_Noreturn';
KwAlignas      : '_Alignas';
KwAlignof      : '_Alignof' | '__alignof__' | '__alignof';
KwVoid         : 'void';
KwChar         : 'char';
KwShort        : 'short';
KwInt          : 'int';
KwLong         : 'long';
KwFloat        : 'float';
KwDouble       : 'double';
KwSigned       : 'signed';
KwSigned2      : '__signed';
KwSigned3      : '__signed__';
KwUnsigned     : 'unsigned';
KwBool         : '_Bool';
KwComplex      : '_Complex';
KwComplex2     : '__complex__';
KwInt128       : '__int128';
KwFloatN       : '_Float16' | '_Float32' | '_Float64' | '_Float128' | '_Float32x' | '_Float64x' | '_Float128x'
               | '__float128' | '__float80' | '__ibm128' | '__bf16' | '__fp16'
               | '_Decimal32' | '_Decimal64' | '_Decimal128';
KwTypeof       : 'typeof' | '__typeof__' | '__typeof';
KwGeneric      : '_Generic';
KwStruct       : 'struct';
KwUnion        : 'union';
KwEnum         : 'enum';
KwSizeof       : 'sizeof';
KwStaticAssert : '_Static_assert';
KwAttribute    : '__attribute__';
KwAttribute2   : '__attribute';
KwExtension    : '__extension__';
KwAsm          : '__asm__';
KwAsm2         : '__asm';
KwAsm3         : 'asm';

LeftParen    : '(';
RightParen   : ')';
LeftBracket  : '[';
RightBracket : ']';
LeftBrace    : '{';
RightBrace   : '}';
Semi         : ';';
Comma        : ',';
Colon        : ':';
Assign       : '=';
Ellipsis     : '...';
Question     : '?';
Star         : '*';
Plus         : '+';
Minus        : '-';
Div          : '/';
Mod          : '%';
Tilde        : '~';
Not          : '!';
And          : '&';
Or           : '|';
Caret        : '^';
AndAnd       : '&&';
OrOr         : '||';
LeftShift    : '<<';
RightShift   : '>>';
Less         : '<';
Greater      : '>';
LessEqual    : '<=';
GreaterEqual : '>=';
Equal        : '==';
NotEqual     : '!=';
Dot          : '.';
Arrow        : '->';
PlusPlus     : '++';
MinusMinus   : '--';
OtherPunct   : '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '#' | '##';

Identifier
    : [a-zA-Z_$] [a-zA-Z_0-9$]*
    ;

FloatingConstant
    : DecimalDigits? '.' DecimalDigits ExponentPart? FloatSuffix?
    | DecimalDigits '.' ExponentPart? FloatSuffix?
    | DecimalDigits ExponentPart FloatSuffix?
    | '0' [xX] HexDigits? ('.' HexDigits?)? [pP] [+-]? DecimalDigits FloatSuffix?
    ;

IntegerConstant
    : ([1-9] [0-9]* | '0' [0-7]* | '0' [xX] HexDigits | '0' [bB] [01]+) IntegerSuffix?
    ;

CharacterConstant
    : [LuU]? '\'' (~['\\\r\n] | EscapeSequence)+ '\''
    ;

StringLiteral
    : ('u8' | [LuU])? '"' (~["\\\r\n] | EscapeSequence)* '"'
    ;

Whitespace
    : [ \t\f\u000B]+ -> skip
    ;

Newline
    : ('\r' '\n'? | '\n') -> skip
    ;

/** Any other character: reported by the parser as a stray character. */
ErrorChar
    : .
    ;

fragment DecimalDigits : [0-9]+;
fragment HexDigits     : [0-9a-fA-F]+;
fragment ExponentPart  : [eE] [+-]? DecimalDigits;
fragment FloatSuffix   : [fFlL];
fragment IntegerSuffix : [uU] ([lL] | 'll' | 'LL')? | ([lL] | 'll' | 'LL') [uU]?;
fragment EscapeSequence
    : '\\' ['"?\\abfnrtv]
    | '\\' [0-7] [0-7]? [0-7]?
    | '\\x' HexDigits
    | '\\u' HexDigits
    | '\\U' HexDigits
    ;
