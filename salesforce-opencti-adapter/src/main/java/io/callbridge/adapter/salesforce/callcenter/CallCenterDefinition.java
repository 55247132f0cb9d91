package io.callbridge.adapter.salesforce.callcenter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The call center a vendor imports in Salesforce Setup so Lightning loads the bridge page as the Open CTI
 * softphone. Fixed for Lightning: {@code reqSalesforceCompatibilityMode} is always {@code Lightning} (the
 * Salesforce default is Classic, where the bridge does not work) and {@code reqUseApi} is always true.
 * Build with {@link #builder()}; {@link #toXml()} gives the file to import.
 */
public final class CallCenterDefinition {

    public static final int MIN_HEIGHT = 240;
    public static final int MAX_HEIGHT = 2560;
    public static final int MIN_WIDTH = 200;
    public static final int MAX_WIDTH = 1920;
    public static final int DEFAULT_HEIGHT = 480;
    public static final int DEFAULT_WIDTH = 320;
    /** Salesforce waits this long for {@code notifyInitializationComplete} before showing the standby URL. */
    public static final int MIN_TIMEOUT_MS = 1_000;
    public static final int MAX_TIMEOUT_MS = 300_000;

    /** The internal name must start with a letter; it is unique per org and cannot change after import. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final Pattern PREFIX = Pattern.compile("[0-9*#]{0,10}");

    private final String internalName;
    private final String displayName;
    private final URI adapterUrl;
    private final int softphoneHeight;
    private final int softphoneWidth;
    private final @Nullable URI standbyUrl;
    private final @Nullable Integer timeoutMs;
    private final String outsidePrefix;
    private final String longDistancePrefix;
    private final String internationalPrefix;
    private final List<VendorSection> vendorSections;

    private CallCenterDefinition(Builder b) {
        internalName = b.internalName;
        displayName = b.displayName;
        adapterUrl = b.adapterUrl;
        softphoneHeight = b.softphoneHeight;
        softphoneWidth = b.softphoneWidth;
        standbyUrl = b.standbyUrl;
        timeoutMs = b.timeoutMs;
        outsidePrefix = b.outsidePrefix;
        longDistancePrefix = b.longDistancePrefix;
        internationalPrefix = b.internationalPrefix;
        vendorSections = List.copyOf(b.vendorSections);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String internalName() {
        return internalName;
    }

    public String displayName() {
        return displayName;
    }

    public URI adapterUrl() {
        return adapterUrl;
    }

    public int softphoneHeight() {
        return softphoneHeight;
    }

    public int softphoneWidth() {
        return softphoneWidth;
    }

    public Optional<URI> standbyUrl() {
        return Optional.ofNullable(standbyUrl);
    }

    public Optional<Integer> timeoutMs() {
        return Optional.ofNullable(timeoutMs);
    }

    public String outsidePrefix() {
        return outsidePrefix;
    }

    public String longDistancePrefix() {
        return longDistancePrefix;
    }

    public String internationalPrefix() {
        return internationalPrefix;
    }

    public List<VendorSection> vendorSections() {
        return vendorSections;
    }

    /** The {@code <callCenter>} XML document, UTF-8 declared, ending with a newline. */
    public String toXml() {
        return CallCenterXmlWriter.write(this);
    }

    /** Checks each value as it is set, and the combination in {@link #build()}. Not thread-safe. */
    public static final class Builder {

        private @Nullable String internalName;
        private @Nullable String displayName;
        private @Nullable URI adapterUrl;
        private int softphoneHeight = DEFAULT_HEIGHT;
        private int softphoneWidth = DEFAULT_WIDTH;
        private @Nullable URI standbyUrl;
        private @Nullable Integer timeoutMs;
        private String outsidePrefix = "";
        private String longDistancePrefix = "";
        private String internationalPrefix = "";
        private final List<VendorSection> vendorSections = new ArrayList<>();

        private Builder() {
        }

        /** Up to 40 letters or digits, starting with a letter. */
        public Builder internalName(String internalName) {
            if (internalName == null || !INTERNAL_NAME.matcher(internalName).matches()) {
                throw new InvalidCallCenterDefinitionException("internalName",
                        "must be 1 to 40 letters or digits, starting with a letter");
            }
            this.internalName = internalName;
            return this;
        }

        public Builder displayName(String displayName) {
            if (displayName == null || displayName.isBlank()) {
                throw new InvalidCallCenterDefinitionException("displayName", "is required");
            }
            this.displayName = Names.text(displayName, "displayName");
            return this;
        }

        /** The bridge page; Lightning only loads https adapters. */
        public Builder adapterUrl(String adapterUrl) {
            this.adapterUrl = httpsUrl(adapterUrl, "adapterUrl");
            return this;
        }

        public Builder softphoneHeight(int pixels) {
            this.softphoneHeight = range(pixels, MIN_HEIGHT, MAX_HEIGHT, "softphoneHeight");
            return this;
        }

        public Builder softphoneWidth(int pixels) {
            this.softphoneWidth = range(pixels, MIN_WIDTH, MAX_WIDTH, "softphoneWidth");
            return this;
        }

        /**
         * The page Salesforce shows when the adapter does not report ready within {@code timeoutMs}. The two
         * only make sense together, so they are set together.
         */
        public Builder standby(String standbyUrl, int timeoutMs) {
            this.standbyUrl = httpsUrl(standbyUrl, "standbyUrl");
            this.timeoutMs = range(timeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, "timeoutMs");
            return this;
        }

        /** Digits, {@code *} or {@code #} dialled before external numbers; empty for none (the default). */
        public Builder outsidePrefix(String prefix) {
            this.outsidePrefix = prefix(prefix, "outsidePrefix");
            return this;
        }

        public Builder longDistancePrefix(String prefix) {
            this.longDistancePrefix = prefix(prefix, "longDistancePrefix");
            return this;
        }

        public Builder internationalPrefix(String prefix) {
            this.internationalPrefix = prefix(prefix, "internationalPrefix");
            return this;
        }

        public Builder vendorSection(VendorSection section) {
            if (section == null) {
                throw new InvalidCallCenterDefinitionException("vendorSection", "is required");
            }
            this.vendorSections.add(section);
            return this;
        }

        public CallCenterDefinition build() {
            if (internalName == null) {
                throw new InvalidCallCenterDefinitionException("internalName", "is required");
            }
            if (displayName == null) {
                throw new InvalidCallCenterDefinitionException("displayName", "is required");
            }
            if (adapterUrl == null) {
                throw new InvalidCallCenterDefinitionException("adapterUrl", "is required");
            }
            // Section names are compared the way Salesforce stores them, so two that differ only in case clash.
            Set<String> names = new HashSet<>();
            for (VendorSection section : vendorSections) {
                if (!names.add(section.name().toLowerCase(Locale.ROOT))) {
                    throw new InvalidCallCenterDefinitionException(section.name(), "duplicate section name");
                }
            }
            return new CallCenterDefinition(this);
        }

        private static URI httpsUrl(@Nullable String url, String field) {
            if (url == null || url.isBlank()) {
                throw new InvalidCallCenterDefinitionException(field, "is required");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new InvalidCallCenterDefinitionException(field, "is not a valid URL: " + e.getReason());
            }
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                throw new InvalidCallCenterDefinitionException(field, "must be an https URL; Lightning refuses others");
            }
            if (uri.getHost() == null) {
                throw new InvalidCallCenterDefinitionException(field, "must name a host");
            }
            if (uri.getRawUserInfo() != null) {
                // Every agent's browser sees this URL; credentials in it would be handed to all of them.
                throw new InvalidCallCenterDefinitionException(field, "must not contain user credentials");
            }
            if (uri.getRawFragment() != null) {
                throw new InvalidCallCenterDefinitionException(field,
                        "must not have a fragment; Salesforce appends its own query parameters");
            }
            return uri;
        }

        private static int range(int value, int min, int max, String field) {
            if (value < min || value > max) {
                throw new InvalidCallCenterDefinitionException(field,
                        "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        private static String prefix(@Nullable String prefix, String field) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new InvalidCallCenterDefinitionException(field, "must be up to 10 digits, * or #");
            }
            return prefix;
        }
    }
}
