package io.callbridge.transport.websocket;

import java.util.Objects;

/**
 * Where the server looks for the jars' {@code META-INF/callbridge/static/} trees. The default is the context class
 * loader at injection time, which sees every jar of a flat class path; an application that loads adapters or
 * vendor pages through its own class loader (plugins, a fat-jar launcher) binds this with
 * {@code OptionalBinder.newOptionalBinder(binder(), StaticFiles.class).setBinding().toInstance(new StaticFiles(loader))}.
 *
 * @param classLoader every resource root it returns for {@code META-INF/callbridge/static/} is served, overlaid
 */
public record StaticFiles(ClassLoader classLoader) {

    public StaticFiles {
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /** The current thread's context class loader, or else the one that loaded the transport. */
    public static StaticFiles fromContextClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return new StaticFiles(context != null ? context : StaticFiles.class.getClassLoader());
    }
}
