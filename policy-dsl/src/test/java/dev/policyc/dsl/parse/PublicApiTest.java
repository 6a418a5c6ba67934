package dev.policyc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.reflect.ClassPath;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ANTLR stays an implementation detail: no ANTLR type in the public API of the parser or the AST. */
class PublicApiTest {

    private static final List<String> PACKAGES = List.of("dev.policyc.dsl.parse", "dev.policyc.dsl.ast");

    @Test
    void noAntlrTypeInAnyPublicSignature() throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> classes = publicClasses();
        assertTrue(classes.size() > 20, "found only " + classes);
        for (Class<?> c : classes) {
            check(c + " extends", c.getGenericSuperclass(), leaks);
            for (Type i : c.getGenericInterfaces()) {
                check(c + " implements", i, leaks);
            }
            for (Field f : c.getFields()) {
                check(f.toString(), f.getGenericType(), leaks);
            }
            for (Constructor<?> k : c.getConstructors()) {
                for (Type p : k.getGenericParameterTypes()) {
                    check(k.toString(), p, leaks);
                }
            }
            for (Method m : c.getMethods()) {
                check(m.toString(), m.getGenericReturnType(), leaks);
                for (Type p : m.getGenericParameterTypes()) {
                    check(m.toString(), p, leaks);
                }
                for (Type e : m.getGenericExceptionTypes()) {
                    check(m.toString(), e, leaks);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theParserPackageExposesOnlyTheEntryPointAndItsResult() throws IOException {
        Set<String> exposed = new TreeSet<>();
        for (Class<?> c : publicClasses()) {
            if (c.getPackageName().equals("dev.policyc.dsl.parse")) {
                exposed.add(c.getSimpleName());
            }
        }
        assertEquals(Set.of("DslParser", "ParseResult"), exposed);
        assertFalse(Modifier.isPublic(AstBuilder.class.getModifiers()), "the parse-tree visitor is package-private");
    }

    /** Public classes of the packages, nested ones included, as the loader sees them. */
    private static List<Class<?>> publicClasses() throws IOException {
        List<Class<?>> found = new ArrayList<>();
        for (ClassPath.ClassInfo info : ClassPath.from(PublicApiTest.class.getClassLoader()).getTopLevelClasses()) {
            if (PACKAGES.contains(info.getPackageName()) && !info.getSimpleName().endsWith("Test")
                    && !info.getSimpleName().endsWith("Properties")) {
                collect(info.load(), found);
            }
        }
        return found;
    }

    private static void collect(Class<?> c, List<Class<?>> found) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return;
        }
        found.add(c);
        for (Class<?> nested : c.getDeclaredClasses()) {
            collect(nested, found);
        }
    }

    private static void check(String where, Type type, List<String> leaks) {
        check(where, type, leaks, new HashSet<>());
    }

    private static void check(String where, Type type, List<String> leaks, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            Class<?> base = c;
            while (base.isArray()) {
                base = base.getComponentType();
            }
            if (base.getName().startsWith("org.antlr.") || base.getName().startsWith("dev.policyc.dsl.internal.")) {
                leaks.add(where + " uses " + base.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks, seen);
            for (Type arg : p.getActualTypeArguments()) {
                check(where, arg, leaks, seen);
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, leaks, seen);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, leaks, seen);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                check(where, b, leaks, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            check(where, a.getGenericComponentType(), leaks, seen);
        }
    }
}
