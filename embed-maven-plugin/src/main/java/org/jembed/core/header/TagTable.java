package org.jembed.core.header;

import static org.jembed.core.header.HeaderParser.sameType;
import static org.jembed.core.header.HeaderParser.spell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.antlr.v4.runtime.Token;
import org.jembed.core.header.CDeclParser.DeclarationSpecifiersContext;
import org.jembed.core.header.CDeclParser.DeclaratorContext;
import org.jembed.core.header.CDeclParser.EnumSpecifierContext;
import org.jembed.core.header.CDeclParser.EnumeratorContext;
import org.jembed.core.header.CDeclParser.StructDeclarationContext;
import org.jembed.core.header.CDeclParser.StructDeclaratorContext;
import org.jembed.core.header.CDeclParser.StructOrUnionSpecifierContext;
import org.jembed.core.model.CType;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.Field;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.TypedefDecl;

/**
 * Tags and typedefs (C11 6.7.2.1 - 6.7.2.3, 6.7.8): structs, unions and enums by key, completed when their
 * definition is seen, and the typedef names with the struct or enum each one names first.
 */
final class TagTable extends ParsePart {
    private final TypeReader types;
    private final Map<String, StructBuilder> structs = new LinkedHashMap<>();
    private final Map<String, EnumDecl> enums = new LinkedHashMap<>();
    private final Set<String> definedEnums = new HashSet<>();
    private final Map<String, SourcePos> enumeratorPositions = new HashMap<>();

    TagTable(ParseContext ctx, TypeReader types) {
        super(ctx);
        this.types = types;
    }

    /** Every struct and union, in order of first mention. */
    List<StructDecl> structDecls() {
        return structs.values().stream().map(StructBuilder::build).toList();
    }

    /** Every enum, in order of first mention. */
    List<EnumDecl> enumDecls() {
        return List.copyOf(enums.values());
    }

    private TypeReader.Specs specs(DeclarationSpecifiersContext c) {
        return types.specs(c);
    }

    private TypeReader.Declared declarator(CType base, DeclaratorContext d) {
        return types.declarator(base, d);
    }

    void typedef(String name, CType type, SourcePos p) {
        TypedefDecl previous = typedefs.get(name);
        if (previous != null) {
            if (!sameType(previous.target(), type)) {
                error(p, "conflicting types for '" + name + "'; have '" + spell(type) + "', previously declared as '"
                        + spell(previous.target()) + "' at " + previous.pos());
            }
            return;
        }
        typedefs.put(name, new TypedefDecl(name, type, p));
        if (type instanceof CType.StructRef ref) {
            StructBuilder b = structs.get(ref.key());
            if (b != null && b.typedefName.isEmpty()) {
                b.typedefName = Optional.of(name);
            }
        } else if (type instanceof CType.EnumRef ref) {
            EnumDecl e = enums.get(ref.key());
            if (e != null && e.typedefName().isEmpty()) {
                enums.put(ref.key(), new EnumDecl(e.key(), e.tag(), e.values(), Optional.of(name), e.pos()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Structs, unions and enums (C11 6.7.2.1 - 6.7.2.3)

    /** A struct or union being collected; one per key, completed when its definition is seen. */
    private static final class StructBuilder {
        final String key;
        final String tag;
        final boolean union;
        List<Field> fields = List.of();
        boolean complete;
        Optional<String> typedefName = Optional.empty();
        SourcePos pos;

        StructBuilder(String key, String tag, boolean union, SourcePos pos) {
            this.key = key;
            this.tag = tag;
            this.union = union;
            this.pos = pos;
        }

        StructDecl build() {
            return new StructDecl(key, tag, union, fields, complete, typedefName, pos);
        }
    }

    CType struct(StructOrUnionSpecifierContext c) {
        boolean union = c.structOrUnion().KwUnion() != null;
        String kind = union ? "union" : "struct";
        Token tagToken = c.Identifier() != null ? c.Identifier().getSymbol() : null;
        String tag = tagToken != null ? tagToken.getText() : "";
        SourcePos p = pos(tagToken != null ? tagToken : c.start);
        String key = tag.isEmpty() ? ctx.nextAnonymous() : tag;
        boolean defines = c.LeftBrace() != null;
        StructBuilder b = structs.get(key);
        boolean wrongKind = (b != null && b.union != union) || (!tag.isEmpty() && enums.containsKey(key));
        if (wrongKind) {
            error(p, "'" + tag + "' defined as wrong kind of tag");
        }
        if (b == null && !wrongKind) {
            b = new StructBuilder(key, tag, union, p);
            structs.put(key, b);
        }
        if (defines) {
            List<Field> fields = fields(c.structDeclaration());
            if (b != null && !wrongKind) {
                if (b.complete) {
                    error(p, "redefinition of '" + kind + " " + tag + "'; first defined at " + b.pos);
                } else {
                    b.fields = List.copyOf(fields);
                    b.complete = true;
                    b.pos = p;
                }
            }
        }
        return new CType.StructRef(union, tag, key);
    }

    private List<Field> fields(List<StructDeclarationContext> declarations) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (StructDeclarationContext sd : declarations) {
            if (sd.staticAssertDeclaration() != null) {
                continue;
            }
            if (sd.declarationSpecifiers() == null) {
                continue;
            }
            TypeReader.Specs specs = specs(sd.declarationSpecifiers());
            if (!specs.storage().isEmpty() || specs.threadLocal()) {
                error(pos(sd.start), "storage class specified for a member");
            }
            if (sd.structDeclaratorList() == null) {
                CType bare = specs.type() instanceof CType.Qualified k ? k.inner() : specs.type();
                if (bare instanceof CType.StructRef ref && ref.tag().isEmpty()) {
                    fields.add(new Field("", specs.type(), OptionalInt.empty(), pos(sd.start)));
                } else if (!specs.declaresTag()) {
                    warning(pos(sd.start), "declaration does not declare anything");
                }
                continue;
            }
            for (StructDeclaratorContext x : sd.structDeclaratorList().structDeclarator()) {
                TypeReader.Declared d = x.declarator() != null
                        ? declarator(specs.type(), x.declarator())
                        : new TypeReader.Declared("", x.start, specs.type());
                SourcePos p = pos(d.token());
                String shown = d.name().isEmpty() ? "<anonymous>" : d.name();
                OptionalInt width = OptionalInt.empty();
                if (x.constantExpression() != null) {
                    width = bitWidth(x, d, shown);
                }
                if (d.type().resolved() instanceof CType.Function) {
                    error(p, "field '" + shown + "' declared as a function");
                } else if (d.type().resolved() instanceof CType.Void) {
                    error(p, "field '" + shown + "' has incomplete type 'void'");
                }
                if (!d.name().isEmpty() && !names.add(d.name())) {
                    error(p, "duplicate member '" + d.name() + "'");
                }
                fields.add(new Field(d.name(), d.type(), width, p));
            }
        }
        return fields;
    }

    /** A bit-field's width: the number when it is written as one, else 0 (the compiler checks it; jembed refuses bit-fields). */
    private OptionalInt bitWidth(StructDeclaratorContext x, TypeReader.Declared d, String shown) {
        OptionalLong literal = IntegerLiteral.parse(x.constantExpression().getText());
        return OptionalInt.of((int) literal.orElse(0));
    }

    CType enumeration(EnumSpecifierContext c) {
        Token tagToken = c.Identifier() != null ? c.Identifier().getSymbol() : null;
        String tag = tagToken != null ? tagToken.getText() : "";
        SourcePos p = pos(tagToken != null ? tagToken : c.start);
        String key = tag.isEmpty() ? ctx.nextAnonymous() : tag;
        if (!tag.isEmpty() && structs.containsKey(key)) {
            error(p, "'" + tag + "' defined as wrong kind of tag");
        }
        if (c.LeftBrace() == null) {
            enums.putIfAbsent(key, new EnumDecl(key, tag, List.of(), Optional.empty(), p));
            return new CType.EnumRef(tag, key);
        }
        boolean redefinition = definedEnums.contains(key);
        if (redefinition) {
            error(p, "redefinition of 'enum " + tag + "'; first defined at " + enums.get(key).pos());
        }
        List<EnumDecl.Enumerator> values = new ArrayList<>();
        for (EnumeratorContext e : c.enumerator()) {
            String name = e.Identifier().getText();
            SourcePos at = pos(e.Identifier().getSymbol());
            SourcePos first = enumeratorPositions.get(name);
            if (first != null) {
                error(at, "redeclaration of enumerator '" + name + "'; previous definition at " + first);
                continue;
            }
            enumeratorPositions.put(name, at);
            // the value is the compiler's (Probe); 0 until then
            values.add(new EnumDecl.Enumerator(name, 0, 4, at));
        }
        if (!redefinition) {
            Optional<String> typedefName = Optional.ofNullable(enums.get(key)).flatMap(EnumDecl::typedefName);
            enums.put(key, new EnumDecl(key, tag, List.copyOf(values), typedefName, p));
            definedEnums.add(key);
        }
        return new CType.EnumRef(tag, key);
    }

}
