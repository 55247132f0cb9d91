package io.callbridge.transport.websocket.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.resource.Resources;
import org.jspecify.annotations.Nullable;

/**
 * The static files jars ship under {@code META-INF/callbridge/static/}, from every jar and directory on the class
 * path, overlaid into one tree: an adapter ships {@code META-INF/callbridge/static/hubspot/...}, another
 * {@code .../salesforce/...}, and the server serves both without knowing either.
 */
final class ClasspathStaticResources {
    static final String ROOT = "META-INF/callbridge/static/";

    private ClasspathStaticResources() {
    }

    /** The combined tree, or null when no jar ships static files. */
    static @Nullable Resource find(ClassLoader loader, ResourceFactory factory) {
        List<Resource> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(ROOT))) {
                Resource resource = factory.newResource(url);
                if (Resources.isReadableDirectory(resource)) {
                    roots.add(resource);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ROOT + " on the class path", e);
        }
        if (roots.isEmpty()) {
            return null;
        }
        return roots.size() == 1 ? roots.get(0) : ResourceFactory.combine(roots);
    }
}
