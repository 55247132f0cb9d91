package io.callbridge.rest.hubspot.tools;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The calling settings a vendor wants, field by field; null leaves a field as HubSpot has it (or, when the app has no
 * settings yet, takes {@link #DEFAULTS}' value; name and url have none).
 */
public record CallingSettingsChange(@Nullable String name, @Nullable URI url, @Nullable Integer width,
        @Nullable Integer height, @Nullable Boolean isReady, @Nullable Boolean supportsInboundCalling,
        @Nullable Boolean usesCallingWindow, @Nullable Boolean usesRemote, @Nullable Boolean supportsCustomObjects) {

    /** What a new app gets for the fields not given: 400 × 600, ready, inbound calls, the remote, no window. */
    public static final CallingSettingsChange DEFAULTS = new CallingSettingsChange(null, null, 400, 600, true, true,
            false, true, false);

    public static final CallingSettingsChange NONE = new CallingSettingsChange(null, null, null, null, null, null,
            null, null, null);

    public CallingSettingsChange {
        if (name != null && (name.isBlank() || name.length() > 100)) {
            throw new IllegalArgumentException("name must be 1-100 characters, not blank");
        }
        if (url != null) {
            CallingSettings.checkUrl(url);
        }
        if (width != null) {
            CallingSettings.checkSize("width", width);
        }
        if (height != null) {
            CallingSettings.checkSize("height", height);
        }
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The full settings for an app that has none yet. */
    CallingSettings toNew() {
        List<String> missing = new ArrayList<>();
        if (name == null) {
            missing.add("name");
        }
        if (url == null) {
            missing.add("url");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the app has no calling settings yet: " + String.join(" and ", missing)
                    + " must be given to create them");
        }
        return new CallingSettings(name, url, or(width, DEFAULTS.width), or(height, DEFAULTS.height),
                or(isReady, DEFAULTS.isReady), or(supportsInboundCalling, DEFAULTS.supportsInboundCalling),
                or(usesCallingWindow, DEFAULTS.usesCallingWindow), or(usesRemote, DEFAULTS.usesRemote),
                or(supportsCustomObjects, DEFAULTS.supportsCustomObjects));
    }

    /** The fields that differ from {@code current}, in HubSpot's names (the PATCH body); empty if none. */
    Map<String, Object> differences(CallingSettings current) {
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("name", name);
        wanted.put("url", url == null ? null : url.toString());
        wanted.put("width", width);
        wanted.put("height", height);
        wanted.put("isReady", isReady);
        wanted.put("supportsInboundCalling", supportsInboundCalling);
        wanted.put("usesCallingWindow", usesCallingWindow);
        wanted.put("usesRemote", usesRemote);
        wanted.put("supportsCustomObjects", supportsCustomObjects);
        Map<String, Object> now = current.fields();
        Map<String, Object> changed = new LinkedHashMap<>();
        wanted.forEach((field, value) -> {
            if (value != null && !Objects.equals(value, now.get(field))) {
                changed.put(field, value);
            }
        });
        return changed;
    }

    private static <T> T or(@Nullable T value, @Nullable T fallback) {
        return value != null ? value : Objects.requireNonNull(fallback);
    }
}
