package io.callbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a settings record's {@code with…} methods by reflection: every component has a public
 * {@code withName(Type)} that changes that component only, and refuses a bad value with the constructor's error.
 * A component added without a sample value fails the check, so a new field cannot go without its {@code with…}.
 * The same check is testkit's {@code SettingsWithers}, which the other modules use; core's tests cannot depend on
 * testkit (it builds on core), hence this copy.
 */
final class Withers {
    private Withers() {
    }

    /**
     * @param base the record to start from
     * @param changed a valid value per component, different from {@code base}'s
     * @param coupled components that a component's {@code with…} may change besides its own, by that component
     * @param invalid values that the constructor refuses, per component (not every component has one)
     */
    static <R extends Record> void check(R base, Map<String, Object> changed, Map<String, Set<String>> coupled,
            Map<String, Object> invalid) throws Exception {
        Class<?> type = base.getClass();
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent component : components) {
            String name = component.getName();
            if (!changed.containsKey(name)) {
                fail("no sample value for component " + name + " of " + type.getSimpleName() + "; add one");
            }
            Method with = wither(type, component);
            Object value = changed.get(name);
            assertThat(component.getAccessor().invoke(base)).as("sample for %s must differ from the base", name)
                    .isNotEqualTo(value);
            Object next = with.invoke(base, value);
            for (RecordComponent other : components) {
                Object before = other.getAccessor().invoke(base);
                Object after = other.getAccessor().invoke(next);
                if (other == component) {
                    assertThat(after).as("%s after %s", name, with.getName()).isEqualTo(value);
                } else if (!coupled.getOrDefault(name, Set.of()).contains(other.getName())) {
                    assertThat(after).as("%s after %s", other.getName(), with.getName()).isEqualTo(before);
                }
            }
            if (invalid.containsKey(name)) {
                Throwable byConstructor = thrown(() -> construct(base, components, name, invalid.get(name)));
                Throwable byWither = thrown(() -> with.invoke(base, invalid.get(name)));
                assertThat(byConstructor).as("the constructor refuses the invalid %s", name).isNotNull();
                assertThat(byWither).as("%s refuses what the constructor refuses", with.getName())
                        .isInstanceOf(byConstructor.getClass()).hasMessage(byConstructor.getMessage());
            }
        }
    }

    private static Method wither(Class<?> type, RecordComponent component) {
        String name = "with" + Character.toUpperCase(component.getName().charAt(0)) + component.getName().substring(1);
        try {
            Method method = type.getMethod(name, component.getType());
            assertThat(Modifier.isPublic(method.getModifiers())).as(name + " is public").isTrue();
            assertThat(method.getReturnType()).as(name + " returns the record").isEqualTo(type);
            return method;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no " + name + "(" + component.getType().getSimpleName()
                    + ")", e);
        }
    }

    private static Object construct(Record base, RecordComponent[] components, String name, Object value)
            throws Exception {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(base);
        }
        Constructor<?> canonical = base.getClass().getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static Throwable thrown(Action action) {
        try {
            action.run();
            return null;
        } catch (InvocationTargetException e) {
            return Objects.requireNonNull(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
