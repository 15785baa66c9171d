package org.jembed.core.header;

import static org.jembed.core.header.HeaderParser.spell;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.jembed.core.header.CDeclParser.AbstractDeclaratorContext;
import org.jembed.core.header.CDeclParser.ArraySuffixContext;
import org.jembed.core.header.CDeclParser.DeclarationSpecifiersContext;
import org.jembed.core.header.CDeclParser.DeclaratorContext;
import org.jembed.core.header.CDeclParser.DeclaratorSuffixContext;
import org.jembed.core.header.CDeclParser.DirectAbstractDeclaratorContext;
import org.jembed.core.header.CDeclParser.DirectDeclaratorContext;
import org.jembed.core.header.CDeclParser.EnumSpecifierContext;
import org.jembed.core.header.CDeclParser.FunctionSuffixContext;
import org.jembed.core.header.CDeclParser.ParameterDeclarationContext;
import org.jembed.core.header.CDeclParser.ParameterTypeListContext;
import org.jembed.core.header.CDeclParser.PointerContext;
import org.jembed.core.header.CDeclParser.SpecifierNoTypeContext;
import org.jembed.core.header.CDeclParser.StructOrUnionSpecifierContext;
import org.jembed.core.header.CDeclParser.TypeNameContext;
import org.jembed.core.header.CDeclParser.TypeQualifierContext;
import org.jembed.core.header.CDeclParser.TypeSpecifierContext;
import org.jembed.core.header.CDeclParser.TypedefNameContext;
import org.jembed.core.model.CType;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.TypedefDecl;

/**
 * Declarators and types (C11 6.7.1 - 6.7.6): declaration specifiers to a base type, then declarators built inside
 * out into {@link CType}s, with the qualifiers as written.
 */
final class TypeReader extends ParsePart {
    private TagTable tags;

    TypeReader(ParseContext ctx) {
        super(ctx);
    }

    void tags(TagTable table) {
        this.tags = table;
    }

    private CType struct(StructOrUnionSpecifierContext c) {
        return tags.struct(c);
    }

    private CType enumeration(EnumSpecifierContext c) {
        return tags.enumeration(c);
    }

    // ---------------------------------------------------------------------------------------------
    // Specifiers (C11 6.7.1 - 6.7.5)

    /** The meaning of a declaration's specifiers. */
    record Specs(CType type, String storage, boolean threadLocal, boolean declaresTag, boolean inline) {}

    Specs specs(DeclarationSpecifiersContext ctx) {
        String storage = "";
        boolean threadLocal = false;
        java.util.Set<CType.Qualifier> qualifiers = java.util.EnumSet.noneOf(CType.Qualifier.class);
        boolean inline = false;
        boolean declaresTag = false;
        boolean definesTag = false;
        List<Token> keywords = new ArrayList<>();
        CType other = null;
        Token otherToken = null;
        boolean atomic = false;
        for (ParseTree child : ctx.children) {
            if (child instanceof SpecifierNoTypeContext s) {
                if (s.storageClassSpecifier() != null) {
                    String sc = s.storageClassSpecifier().getText();
                    if (sc.equals("_Thread_local") || sc.equals("__thread")) {
                        threadLocal = true;
                    } else if (!storage.isEmpty()) {
                        error(pos(s.start), "multiple storage classes in declaration specifiers");
                    } else {
                        storage = sc;
                    }
                } else if (s.typeQualifier() != null) {
                    TypeQualifierContext q = s.typeQualifier();
                    if (q.KwAtomic() != null) {
                        atomic = true;
                    } else {
                        qualifiers.add(qualifier(q));
                    }
                } else if (s.functionSpecifier() != null) {
                    inline |= s.functionSpecifier().getText().contains("inline");
                }
                // _Alignas changes only the layout, which is the compiler's answer (Probe)
            } else if (child instanceof TypedefNameContext t) {
                otherToken = t.start;
                other = typedefType(t.Identifier().getSymbol());
            } else if (child instanceof TypeSpecifierContext t) {
                CType tagged = null;
                if (t.structOrUnionSpecifier() != null) {
                    tagged = struct(t.structOrUnionSpecifier());
                    declaresTag = true;
                    definesTag = t.structOrUnionSpecifier().LeftBrace() != null;
                } else if (t.enumSpecifier() != null) {
                    tagged = enumeration(t.enumSpecifier());
                    declaresTag = true;
                    definesTag = t.enumSpecifier().LeftBrace() != null;
                } else if (t.typeofSpecifier() != null) {
                    tagged = new CType.Unsupported(text(t.typeofSpecifier()), "'typeof' types are not supported by"
                            + " jembed's type mapping");
                } else if (t.atomicTypeSpecifier() != null) {
                    tagged = new CType.Unsupported(text(t.atomicTypeSpecifier()), ATOMIC);
                } else {
                    keywords.add(t.start);
                }
                if (tagged != null) {
                    if (other != null) {
                        error(pos(t.start), "two or more data types in declaration specifiers");
                    } else {
                        other = tagged;
                        otherToken = t.start;
                    }
                }
            }
        }
        CType type;
        if (other != null) {
            if (!keywords.isEmpty()) {
                Token first = keywords.get(0);
                boolean afterDefinition = definesTag && first.getTokenIndex() > otherToken.getTokenIndex();
                error(pos(first.getTokenIndex() < otherToken.getTokenIndex() ? otherToken : first),
                        "two or more data types in declaration specifiers"
                                + (afterDefinition ? "; is a ';' missing after the definition of '" + spell(other) + "'?" : ""));
            }
            type = other;
        } else {
            type = primitive(keywords);
        }
        if (atomic) {
            type = new CType.Unsupported("_Atomic " + type.declare("").strip(), ATOMIC);
        }
        if (!qualifiers.isEmpty()) {
            type = new CType.Qualified(type, qualifiers);
        }
        return new Specs(type, storage, threadLocal, declaresTag, inline);
    }

    private CType typedefType(Token name) {
        String n = name.getText();
        TypedefDecl own = typedefs.get(n);
        if (own != null) {
            return new CType.Named(n, own.target());
        }
        error(pos(name), "unknown type name '" + n + "'");
        return new CType.Named(n, new CType.Prim(PrimKind.INT));
    }

    private static final String ATOMIC = "'_Atomic' is not supported by jembed's type mapping";

    private enum Kw { VOID, CHAR, SHORT, INT, LONG, FLOAT, DOUBLE, SIGNED, UNSIGNED, BOOL, COMPLEX, INT128, FLOATN }

    /** C11 6.7.2p2: the multisets of type keywords and the type each one names. */
    private CType primitive(List<Token> keywords) {
        EnumMap<Kw, Integer> n = new EnumMap<>(Kw.class);
        for (Kw k : Kw.values()) {
            n.put(k, 0);
        }
        for (Token t : keywords) {
            Kw k = switch (t.getType()) {
                case CDeclLexer.KwVoid -> Kw.VOID;
                case CDeclLexer.KwChar -> Kw.CHAR;
                case CDeclLexer.KwShort -> Kw.SHORT;
                case CDeclLexer.KwInt -> Kw.INT;
                case CDeclLexer.KwLong -> Kw.LONG;
                case CDeclLexer.KwFloat -> Kw.FLOAT;
                case CDeclLexer.KwDouble -> Kw.DOUBLE;
                case CDeclLexer.KwSigned, CDeclLexer.KwSigned2, CDeclLexer.KwSigned3 -> Kw.SIGNED;
                case CDeclLexer.KwUnsigned -> Kw.UNSIGNED;
                case CDeclLexer.KwBool -> Kw.BOOL;
                case CDeclLexer.KwComplex, CDeclLexer.KwComplex2 -> Kw.COMPLEX;
                case CDeclLexer.KwFloatN -> Kw.FLOATN;
                default -> Kw.INT128;
            };
            n.merge(k, 1, Integer::sum);
        }
        if (keywords.isEmpty()) {
            return new CType.Prim(PrimKind.INT);
        }
        String written = String.join(" ", keywords.stream().map(Token::getText).toList());
        if (n.get(Kw.COMPLEX) > 0) {
            return new CType.Unsupported(written, "'_Complex' is not supported by jembed's type mapping");
        }
        if (n.get(Kw.INT128) > 0) {
            return new CType.Unsupported(written, "'__int128' is not supported by jembed's type mapping");
        }
        if (n.get(Kw.FLOATN) > 0) {
            return new CType.Unsupported(written, "'" + written + "' is not supported by jembed's type mapping");
        }
        SourcePos at = pos(keywords.get(0));
        for (Kw k : Kw.values()) {
            if (n.get(k) > (k == Kw.LONG ? 2 : 1)) {
                error(at, k == Kw.LONG ? "'long long long' is too long for GCC" : "duplicate '" + spelling(k) + "'");
                return new CType.Prim(PrimKind.INT);
            }
        }
        if (n.get(Kw.SIGNED) > 0 && n.get(Kw.UNSIGNED) > 0) {
            error(at, "both 'signed' and 'unsigned' in declaration specifiers");
            return new CType.Prim(PrimKind.INT);
        }
        boolean unsigned = n.get(Kw.UNSIGNED) > 0;
        int sign = n.get(Kw.SIGNED) + n.get(Kw.UNSIGNED);
        int longs = n.get(Kw.LONG);
        int others = keywords.size();
        if (n.get(Kw.VOID) > 0 && others == 1) {
            return new CType.Void();
        }
        if (n.get(Kw.BOOL) > 0 && others == 1) {
            return new CType.Prim(PrimKind.BOOL);
        }
        if (n.get(Kw.FLOAT) > 0 && others == 1) {
            return new CType.Prim(PrimKind.FLOAT);
        }
        if (n.get(Kw.DOUBLE) > 0 && others == 1 + longs && longs <= 1) {
            return new CType.Prim(longs == 1 ? PrimKind.LONG_DOUBLE : PrimKind.DOUBLE);
        }
        if (n.get(Kw.CHAR) > 0 && others == 1 + sign) {
            return new CType.Prim(n.get(Kw.SIGNED) > 0 ? PrimKind.SCHAR : unsigned ? PrimKind.UCHAR : PrimKind.CHAR);
        }
        int shorts = n.get(Kw.SHORT);
        if (others == sign + shorts + longs + n.get(Kw.INT) && !(shorts > 0 && longs > 0)) {
            if (shorts > 0) {
                return new CType.Prim(unsigned ? PrimKind.USHORT : PrimKind.SHORT);
            }
            return new CType.Prim(switch (longs) {
                case 0 -> unsigned ? PrimKind.UINT : PrimKind.INT;
                case 1 -> unsigned ? PrimKind.ULONG : PrimKind.LONG;
                default -> unsigned ? PrimKind.ULLONG : PrimKind.LLONG;
            });
        }
        error(at, "two or more data types in declaration specifiers");
        return new CType.Prim(PrimKind.INT);
    }

    private static String spelling(Kw k) {
        return switch (k) {
            case BOOL -> "_Bool";
            case COMPLEX -> "_Complex";
            case INT128 -> "__int128";
            case FLOATN -> "_FloatN";
            default -> k.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Declarators (C11 6.7.6): the type is built inside out, the pointers applying to the base type first and
    // the suffixes of a direct declarator from right to left, then the parenthesized inner declarator.

    /** A declarator's name (empty when abstract), the token that positions it, and the declared type. */
    record Declared(String name, Token token, CType type) {}

    Declared declarator(CType base, DeclaratorContext d) {
        Token nameToken = nameToken(d);
        String name = nameToken.getType() == CDeclLexer.Identifier ? nameToken.getText() : "";
        CType t = pointers(base, d.pointer());
        DirectDeclaratorContext direct = d.directDeclarator();
        t = suffixes(t, direct.declaratorSuffix(), name, nameToken);
        if (direct.Identifier() != null) {
            return new Declared(name, nameToken, t);
        }
        return declarator(t, direct.declarator());
    }

    private static Token nameToken(DeclaratorContext d) {
        DirectDeclaratorContext direct = d.directDeclarator();
        if (direct.Identifier() != null) {
            return direct.Identifier().getSymbol();
        }
        return nameToken(direct.declarator());
    }

    private static CType.Qualifier qualifier(TypeQualifierContext q) {
        String text = q.getText().replace("_", "");
        return text.startsWith("const") ? CType.Qualifier.CONST
                : text.startsWith("volatile") ? CType.Qualifier.VOLATILE : CType.Qualifier.RESTRICT;
    }

    private static CType pointers(CType base, List<PointerContext> pointers) {
        CType t = base;
        for (PointerContext p : pointers) {
            t = new CType.Pointer(t);
            java.util.Set<CType.Qualifier> qualifiers = java.util.EnumSet.noneOf(CType.Qualifier.class);
            for (TypeQualifierContext q : p.typeQualifier()) {
                if (q.KwAtomic() == null) {
                    qualifiers.add(qualifier(q));
                }
            }
            if (!qualifiers.isEmpty()) {
                t = new CType.Qualified(t, qualifiers);
            }
        }
        return t;
    }

    private CType abstractDeclarator(CType base, AbstractDeclaratorContext a) {
        CType t = pointers(base, a.pointer());
        if (a.directAbstractDeclarator() != null) {
            DirectAbstractDeclaratorContext d = a.directAbstractDeclarator();
            t = suffixes(t, d.declaratorSuffix(), "", d.start);
            if (d.abstractDeclarator() != null) {
                t = abstractDeclarator(t, d.abstractDeclarator());
            }
        }
        return t;
    }

    private CType typeName(TypeNameContext tn) {
        CType base = specs(tn.declarationSpecifiers()).type();
        return tn.abstractDeclarator() != null ? abstractDeclarator(base, tn.abstractDeclarator()) : base;
    }

    private CType suffixes(CType base, List<DeclaratorSuffixContext> suffixes, String name, Token nameToken) {
        CType t = base;
        String shown = name.isEmpty() ? "type name" : "'" + name + "'";
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            DeclaratorSuffixContext s = suffixes.get(i);
            if (s instanceof ArraySuffixContext a) {
                if (t.resolved() instanceof CType.Function) {
                    error(pos(s.start), "declaration of " + shown + " as array of functions");
                } else if (t.resolved() instanceof CType.Void) {
                    error(pos(s.start), "declaration of " + shown + " as array of voids");
                }
                t = array(t, a);
            } else {
                if (t.resolved() instanceof CType.Function) {
                    error(pos(nameToken), shown + " declared as function returning a function");
                } else if (t.resolved() instanceof CType.Array) {
                    error(pos(nameToken), shown + " declared as function returning an array");
                }
                if (s instanceof FunctionSuffixContext f) {
                    t = parameters(t, f.parameterTypeList());
                } else {
                    warning(pos(name.isEmpty() ? s.start : nameToken), name.isEmpty()
                            ? "function declarator without a prototype; write '(void)'"
                            : "function declaration without a prototype; write '" + name + "(void)'");
                    t = new CType.Function(t, List.of(), false);
                }
            }
        }
        return t;
    }

    /** An array type; its length is kept as written, and as a number when it is an integer literal. */
    private CType array(CType element, ArraySuffixContext a) {
        if (a.constantExpression() == null) {
            return new CType.Array(element, OptionalLong.empty(), "");
        }
        String text = text(a.constantExpression());
        return new CType.Array(element, IntegerLiteral.parse(text), text);
    }

    /** The source text of a parse-tree node, with its original spacing. */
    private String text(org.antlr.v4.runtime.ParserRuleContext ctx) {
        return ctx.start.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(ctx.start.getStartIndex(),
                ctx.stop.getStopIndex())).strip();
    }

    /** C11 6.7.6.3: a parameter type list; {@code (void)} is no parameters. */
    private CType parameters(CType returnType, ParameterTypeListContext list) {
        List<Param> params = new ArrayList<>();
        List<ParameterDeclarationContext> declarations = list.parameterDeclaration();
        for (ParameterDeclarationContext p : declarations) {
            Specs specs = specs(p.declarationSpecifiers());
            if (!specs.storage().isEmpty() && !specs.storage().equals("register") || specs.threadLocal()) {
                error(pos(p.start), "storage class specified for parameter");
            }
            if (p.declarator() != null) {
                Declared d = declarator(specs.type(), p.declarator());
                params.add(new Param(d.name(), d.type(), pos(d.token())));
            } else if (p.abstractDeclarator() != null) {
                params.add(new Param("", abstractDeclarator(specs.type(), p.abstractDeclarator()), pos(p.start)));
            } else {
                params.add(new Param("", specs.type(), pos(p.start)));
            }
        }
        boolean variadic = list.Ellipsis() != null;
        boolean onlyType = declarations.size() == 1 && declarations.get(0).declarator() == null
                && declarations.get(0).abstractDeclarator() == null;
        if (onlyType && !variadic && params.get(0).type().resolved() instanceof CType.Void) {
            return new CType.Function(returnType, List.of(), false);
        }
        for (Param p : params) {
            if (p.type().resolved() instanceof CType.Void) {
                error(p.pos(), "'void' must be the only parameter");
            }
        }
        return new CType.Function(returnType, List.copyOf(params), variadic);
    }

}
